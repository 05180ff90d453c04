package io.modelgate.provider.openai.internal;

import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.HealthProbe;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A timed GET as a health probe: an answer is HEALTHY, or DEGRADED when slower than the instance's
 * {@value #SLOW_OPTION} (default 3 s) or rate limited (429); a refusal or no answer is DOWN. Never throws.
 * Thread-safe.
 */
public final class HealthCheck implements HealthProbe {
  /** Instance option: a probe slower than this many milliseconds reports DEGRADED. */
  public static final String SLOW_OPTION = "health-slow-ms";

  /** What a successful probe's body says: the state (before slowness is counted) and a detail to show. */
  public record Verdict(HealthState state, @Nullable String detail) {
    public Verdict {
      Objects.requireNonNull(state, "'state' must not be null");
    }

    public static final Verdict HEALTHY = new Verdict(HealthState.HEALTHY, null);
  }

  private final OkHttpClient client;
  private final Request request;
  private final Duration slowAfter;
  private final Clock clock;
  private final Function<String, Verdict> onSuccess;

  public HealthCheck(OkHttpClient client, Request request, ProviderInstance instance, Clock clock,
      Function<String, Verdict> onSuccess) {
    this.client = client;
    this.request = request;
    this.slowAfter = Duration.ofMillis(Long.parseLong(instance.option(SLOW_OPTION, "3000").trim()));
    this.clock = clock;
    this.onSuccess = onSuccess;
  }

  @Override
  public HealthStatus probe() {
    long start = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        Duration latency = since(start);
        ModelgateException error = OpenAiErrors.fromResponse(response);
        HealthState state = response.code() == 429 ? HealthState.DEGRADED : HealthState.DOWN;
        return new HealthStatus(state, latency, "HTTP " + response.code() + ": " + error.getMessage(), clock.instant());
      }
      String body = response.body().string();
      Duration latency = since(start);
      Verdict verdict = verdict(body);
      if (verdict.state() == HealthState.HEALTHY && latency.compareTo(slowAfter) > 0) {
        String slow = "slow: answered in " + latency.toMillis() + " ms";
        return new HealthStatus(HealthState.DEGRADED, latency,
            verdict.detail() == null ? slow : slow + "; " + verdict.detail(), clock.instant());
      }
      return new HealthStatus(verdict.state(), latency, verdict.detail(), clock.instant());
    } catch (IOException e) {
      return new HealthStatus(HealthState.DOWN, since(start), OpenAiErrors.fromIo(e, false).getMessage(),
          clock.instant());
    } catch (RuntimeException e) {
      return new HealthStatus(HealthState.DOWN, since(start), "the probe failed: " + e.getMessage(), clock.instant());
    }
  }

  private Verdict verdict(String body) {
    try {
      return onSuccess.apply(body);
    } catch (RuntimeException e) {
      return new Verdict(HealthState.DEGRADED, "answered, but not as expected: " + e.getMessage());
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
