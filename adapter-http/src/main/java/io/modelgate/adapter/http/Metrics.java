package io.modelgate.adapter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.routing.Route;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The service's meters, recorded into the injected Micrometer {@link MeterRegistry} (exposed at {@code /metrics} by
 * its Prometheus registry): HTTP requests and latency by route, and per model and provider the calls, their latency,
 * time to first token, tokens, cost and errors.
 *
 * <p>Every label has a bounded set of values, so no caller can create series at will: a model label is a catalog id
 * or {@link #OTHER}, a provider label a registered provider (or empty when routing failed before choosing one), a
 * route label an endpoint's path template or {@code (unmatched)}, a method a standard HTTP method or {@link #OTHER}.
 * Thread-safe.
 */
@Singleton
final class Metrics {
  /** The label value for anything outside the bounded set: a model not in the catalog, an unknown method. */
  static final String OTHER = "other";

  private static final Duration[] BUCKETS = Stream.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
      10.0, 30.0, 60.0, 120.0).map(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MeterRegistry registry;
  private final CatalogStore catalog;

  @Inject
  Metrics(MeterRegistry registry, CatalogStore catalog) {
    this.registry = registry;
    this.catalog = catalog;
  }

  void http(String method, String route, int status, long nanos) {
    String m = METHODS.contains(method) ? method : OTHER;
    Counter.builder("modelgate.http.requests").description("HTTP requests by method, route and status.")
        .tags("method", m, "route", route, "status", Integer.toString(status)).register(registry).increment();
    timer("modelgate.http.request.duration",
        "HTTP request latency by method and route (streams: until the last byte).", "method", m, "route", route)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A call the gateway refused or failed before it chose a model: counted under the model asked for, if known. */
  void refused(String operation, @Nullable String requestedModel, String errorCode, long nanos) {
    call(operation, knownModel(requestedModel), "", "error", errorCode, Usage.ZERO, BigDecimal.ZERO, nanos, null);
  }

  /** One finished call on the model and provider of its route. */
  void served(String operation, Route route, String outcome, @Nullable String errorCode, Usage usage,
      BigDecimal costUsd, long nanos, @Nullable Long firstTokenNanos) {
    call(operation, route.servedId().toString(), route.instance().id(), outcome, errorCode, usage, costUsd, nanos,
        firstTokenNanos);
  }

  private void call(String operation, String model, String provider, String outcome, @Nullable String errorCode,
      Usage usage, BigDecimal costUsd, long nanos, @Nullable Long firstTokenNanos) {
    Counter.builder("modelgate.model.requests")
        .description("Model calls by operation, model, provider and outcome (success, error, cancelled).")
        .tags("operation", operation, "model", model, "provider", provider, "outcome", outcome)
        .register(registry).increment();
    timer("modelgate.model.request.duration", "Model call latency by operation, model and provider.",
        "operation", operation, "model", model, "provider", provider).record(nanos, TimeUnit.NANOSECONDS);
    if (firstTokenNanos != null) {
      timer("modelgate.time.to.first.token", "Time from the request to the first streamed token, by model and "
          + "provider.", "model", model, "provider", provider).record(firstTokenNanos, TimeUnit.NANOSECONDS);
    }
    tokens(model, provider, "prompt", usage.promptTokens());
    tokens(model, provider, "completion", usage.completionTokens());
    tokens(model, provider, "cached", usage.cachedTokens());
    tokens(model, provider, "reasoning", usage.reasoningTokens());
    if (costUsd.signum() > 0) {
      Counter.builder("modelgate.cost.usd").description("Estimated cost in USD at the catalog price, by model and "
          + "provider.").tags("model", model, "provider", provider).register(registry).increment(costUsd.doubleValue());
    }
    if (errorCode != null) {
      Counter.builder("modelgate.model.errors").description("Failed model calls by model, provider and error code.")
          .tags("model", model, "provider", provider, "code", errorCode).register(registry).increment();
    }
  }

  private void tokens(String model, String provider, String type, long count) {
    if (count > 0) {
      Counter.builder("modelgate.tokens")
          .description("Tokens by model, provider and type (prompt, completion, cached, reasoning).")
          .tags("model", model, "provider", provider, "type", type).register(registry).increment(count);
    }
  }

  private Timer timer(String name, String description, String... tags) {
    return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /** The requested model as a label: its id when the catalog holds it, else {@link #OTHER}. */
  private String knownModel(@Nullable String requested) {
    if (requested == null || requested.isBlank()) {
      return OTHER;
    }
    try {
      ModelId id = ModelId.parse(requested.strip());
      return catalog.findById(id).isEmpty() ? OTHER : id.toString();
    } catch (IllegalArgumentException notAnId) {
      return OTHER;
    }
  }
}
