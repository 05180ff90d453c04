package io.modelgate.provider.ollama;

import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import java.time.Clock;
import java.time.Duration;

/** Probes a node with {@code GET /api/version}: healthy with its version and latency, else down with the reason. */
final class OllamaHealth implements io.modelgate.core.port.HealthProbe {
  private final OllamaHttp http;
  private final Clock clock;

  OllamaHealth(OllamaHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  @Override
  public HealthStatus probe() {
    long start = System.nanoTime();
    try {
      OllamaWire.VersionResponse version = http.get("api/version", OllamaWire.VersionResponse.class);
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      String detail = version.version() == null ? "Ollama (version not given)" : "Ollama " + version.version();
      return new HealthStatus(HealthState.HEALTHY, latency, detail, clock.instant());
    } catch (ModelgateException e) {
      return new HealthStatus(HealthState.DOWN, Duration.ofNanos(System.nanoTime() - start), e.getMessage(),
          clock.instant());
    } catch (RuntimeException e) {
      return new HealthStatus(HealthState.DOWN, Duration.ofNanos(System.nanoTime() - start),
          "Ollama probe failed: " + e.getClass().getSimpleName(), clock.instant());
    }
  }
}
