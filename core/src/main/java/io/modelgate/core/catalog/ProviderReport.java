package io.modelgate.core.catalog;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What discovery did for one provider instance: how many models it listed, how many were new, updated or
 * deprecated, what it skipped and why, and the error if the listing failed (then nothing was deprecated).
 */
public record ProviderReport(
    String provider,
    int listed,
    int added,
    int updated,
    int deprecated,
    Map<String, Integer> skipped,
    boolean cacheHit,
    @Nullable String error,
    @Nullable Duration retryAfter,
    Duration took) {

  public ProviderReport {
    skipped = Map.copyOf(skipped);
  }

  public boolean ok() {
    return error == null;
  }

  static ProviderReport failed(String provider, String error, @Nullable Duration retryAfter, Duration took) {
    return new ProviderReport(provider, 0, 0, 0, 0, Map.of(), false, error, retryAfter, took);
  }
}
