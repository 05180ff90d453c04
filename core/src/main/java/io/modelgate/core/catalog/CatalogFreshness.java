package io.modelgate.core.catalog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's part of the catalog stands on: when its models were last listed successfully ({@code listedAt},
 * null when never), and whether the listing since then failed ({@code stale}: the catalog keeps serving that last
 * good list, as seed 001 asks, until a listing succeeds again).
 */
public record CatalogFreshness(@Nullable Instant listedAt, boolean stale) {
  /** Nothing known yet: never listed by this replica. */
  public static final CatalogFreshness UNKNOWN = new CatalogFreshness(null, false);
}
