package io.modelgate.core.model;

import java.util.Locale;

/** Where a catalog entry came from. */
public enum ModelSource {
  /** Listed by the provider's own list API. */
  DISCOVERED,
  /** Shipped with a provider module, for providers whose list lacks metadata or who have no list. */
  CURATED,
  /** Added by an admin. */
  MANUAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ModelSource parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
