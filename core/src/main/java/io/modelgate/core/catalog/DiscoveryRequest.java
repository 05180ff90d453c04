package io.modelgate.core.catalog;

import io.modelgate.core.model.ModelCategory;
import org.jspecify.annotations.Nullable;

/** Discover one provider instance or all, for one category or all, respecting the minimum interval unless forced. */
public record DiscoveryRequest(@Nullable String provider, @Nullable ModelCategory category, boolean force) {
  public static final DiscoveryRequest ALL = new DiscoveryRequest(null, null, false);

  public static DiscoveryRequest forced() {
    return new DiscoveryRequest(null, null, true);
  }
}
