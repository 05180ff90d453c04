package io.modelgate.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The outcome of one health check: state, how long it took, and why, if not healthy. */
public record HealthStatus(HealthState state, @Nullable Duration latency, @Nullable String detail, Instant checkedAt) {
  public HealthStatus {
    Objects.requireNonNull(state, "'state' must not be null");
    Objects.requireNonNull(checkedAt, "'checkedAt' must not be null");
  }

  public static HealthStatus unknown(Instant now) {
    return new HealthStatus(HealthState.UNKNOWN, null, null, now);
  }
}
