package io.modelgate.provider.elevenlabs;

import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.port.HealthProbe;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Response;

/** A timed {@code GET /v1/models}: an answer is HEALTHY (DEGRADED when rate limited), anything else DOWN. */
final class ElevenLabsHealth implements HealthProbe {
  private final ElevenLabsApi api;
  private final Clock clock;

  ElevenLabsHealth(ElevenLabsApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  @Override
  public HealthStatus probe() {
    long start = System.nanoTime();
    try (Response response = api.client().newCall(api.get(api.url("v1/models").build())).execute()) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      if (response.isSuccessful()) {
        return new HealthStatus(HealthState.HEALTHY, latency, null, clock.instant());
      }
      String detail = "HTTP " + response.code() + ": " + api.errors.fromResponse(response).getMessage();
      return new HealthStatus(response.code() == 429 ? HealthState.DEGRADED : HealthState.DOWN, latency, detail,
          clock.instant());
    } catch (IOException | RuntimeException e) {
      return new HealthStatus(HealthState.DOWN, Duration.ofNanos(System.nanoTime() - start),
          api.errors.fromIo(e instanceof IOException io ? io : new IOException(e), false).getMessage(),
          clock.instant());
    }
  }
}
