package io.modelgate.core.model;

import java.util.Objects;

/** What makes a catalog row unique: the model id and its category. */
public record CatalogKey(ModelId id, ModelCategory category) {
  public CatalogKey {
    Objects.requireNonNull(id, "'id' must not be null");
    Objects.requireNonNull(category, "'category' must not be null");
  }
}
