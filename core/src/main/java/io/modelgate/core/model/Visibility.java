package io.modelgate.core.model;

/** Who sees a provider instance's models: everyone, or only its owner. */
public enum Visibility {
  PUBLIC,
  PRIVATE
}
