package io.modelgate.provider.anthropic;

import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.port.HealthProbe;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Response;

/**
 * Probes {@code GET /v1/models?limit=1} and times it: a 2xx is healthy; a 403/404 (the key may not list, or a
 * proxy has no list) is degraded, since Anthropic answered but the probe could not prove the key works; any other
 * status or no answer is down. Never throws. Thread-safe.
 */
final class AnthropicHealth implements HealthProbe {
  private final AnthropicEndpoint endpoint;
  private final AnthropicErrors errors;
  private final Clock clock;

  AnthropicHealth(AnthropicEndpoint endpoint, AnthropicErrors errors, Clock clock) {
    this.endpoint = endpoint;
    this.errors = errors;
    this.clock = clock;
  }

  @Override
  public HealthStatus probe() {
    long start = System.nanoTime();
    try (Response response = endpoint.client()
        .newCall(endpoint.get(endpoint.url("v1/models").addQueryParameter("limit", "1").build())).execute()) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      if (response.isSuccessful()) {
        return new HealthStatus(HealthState.HEALTHY, latency, null, now());
      }
      String message = errors.fromResponse(response).getMessage();
      HealthState state = AnthropicDiscovery.listingNotAllowed(response.code()) ? HealthState.DEGRADED
          : HealthState.DOWN;
      return new HealthStatus(state, latency, "HTTP " + response.code() + ": " + message, now());
    } catch (IOException | RuntimeException e) {
      String message = e instanceof IOException io ? AnthropicErrors.fromIo(io, false).getMessage() : e.toString();
      return new HealthStatus(HealthState.DOWN, null, message, now());
    }
  }

  private Instant now() {
    return clock.instant();
  }
}
