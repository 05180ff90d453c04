package io.modelgate.provider.gemini;

import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.port.HealthProbe;
import java.time.Clock;
import java.time.Duration;

/**
 * Times {@code GET /v1beta/models?pageSize=1}: healthy when it answers, degraded when rate limited, down
 * otherwise (the reason in the detail). Never throws.
 */
final class GeminiHealth implements HealthProbe {
  private final GeminiApi api;
  private final Clock clock;

  GeminiHealth(GeminiApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  @Override
  public HealthStatus probe() {
    long start = System.nanoTime();
    try {
      api.get(api.models().addQueryParameter("pageSize", "1").build(), GeminiWire.ModelPage.class);
      return new HealthStatus(HealthState.HEALTHY, elapsed(start), null, clock.instant());
    } catch (ModelgateException e) {
      HealthState state = e instanceof RateLimitedException ? HealthState.DEGRADED : HealthState.DOWN;
      return new HealthStatus(state, elapsed(start), e.getMessage(), clock.instant());
    } catch (RuntimeException e) {
      return new HealthStatus(HealthState.DOWN, elapsed(start), "health probe failed: " + e.getClass().getSimpleName(),
          clock.instant());
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
