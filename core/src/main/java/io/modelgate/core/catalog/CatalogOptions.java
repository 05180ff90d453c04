package io.modelgate.core.catalog;

import java.time.Duration;

/** How long a provider's listing is cached (10 minutes unless set). */
public record CatalogOptions(Duration listingTtl) {
  public static final CatalogOptions DEFAULTS = new CatalogOptions(Duration.ofMinutes(10));

  public CatalogOptions {
    if (listingTtl == null || listingTtl.isNegative()) {
      throw new IllegalArgumentException("'listingTtl' must not be negative");
    }
  }
}
