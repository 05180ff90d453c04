package io.modelgate.adapter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.routing.Attempt;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.routing.Route;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The service's meters, recorded into the injected Micrometer {@link MeterRegistry} (exposed at {@code /metrics} by
 * its Prometheus registry): the OpenTelemetry GenAI client metrics ({@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.duration}, {@code gen_ai.client.operation.time_to_first_chunk}) per operation,
 * provider and model; calls and errors by outcome, cost, quota refusals, upstream attempts; HTTP requests by route;
 * and the state of things, read when scraped ({@link #refresh}): each provider's health and circuit, the catalog's
 * size by status, the usage records waiting to be written. ({@link ProviderMetrics} counts what core tells of providers.)
 *
 * <p>Every label has a bounded set of values, so no caller can create series at will: a model label is a catalog id
 * or {@link #OTHER}, a provider label a registered provider (or empty when routing failed before choosing one), a
 * route label an endpoint's path template or {@code (unmatched)}, a method a standard HTTP method or {@link #OTHER},
 * the rest are enums. Thread-safe.
 */
@Singleton
final class Metrics implements AutoCloseable {
  /** The label value for anything outside the bounded set: a model not in the catalog, an unknown method. */
  static final String OTHER = "other";

  static final Duration[] BUCKETS = Stream.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
      10.0, 30.0, 60.0, 120.0).map(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
  /** The GenAI semantic conventions' advice for token histograms. */
  private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
      4194304, 16777216, 67108864};
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MeterRegistry registry;
  private final CatalogStore catalog;
  private final ProviderRegistry providers;
  private final ProviderStates states;
  private final CircuitBreakers breakers;
  private final MultiGauge health;
  private final MultiGauge circuits;
  private final MultiGauge models;
  private final JvmGcMetrics gc;
  /** The meters recorded per call, by their labels ({@link #meter}). */
  private final Map<Record, Meter> meters = new ConcurrentHashMap<>();

  @Inject
  Metrics(MeterRegistry registry, CatalogStore catalog, ProviderRegistry providers, ProviderStates states,
      CircuitBreakers breakers, UsageLog usage, Lifecycle lifecycle, JvmGcMetrics gc) {
    this.registry = registry;
    this.gc = gc;
    this.catalog = catalog;
    this.providers = providers;
    this.states = states;
    this.breakers = breakers;
    this.health = MultiGauge.builder("modelgate.provider.health")
        .description("1 for each provider's health (healthy, degraded, down, unknown), 0 for the others.")
        .register(registry);
    this.circuits = MultiGauge.builder("modelgate.provider.circuit")
        .description("1 for the state of each provider's circuit breaker (closed, open, half-open), 0 for the others.")
        .register(registry);
    this.models = MultiGauge.builder("modelgate.catalog.models")
        .description("Catalog entries by status (pending, enabled, disabled, deprecated).").register(registry);
    Gauge.builder("modelgate.usage.queue", usage, UsageLog::waiting)
        .description("Usage records accepted and not yet written to the store.").register(registry);
    Gauge.builder("modelgate.http.in_flight", lifecycle, Lifecycle::inFlight)
        .description("Requests being served now (streams until their last byte).").register(registry);
  }

  /** {@code method} when it is a standard HTTP method, else {@link #OTHER}: a label or log field no caller can grow. */
  static String httpMethod(String method) {
    return METHODS.contains(method) ? method : OTHER;
  }

  void http(String method, String route, int status, long nanos) {
    String m = httpMethod(method);
    this.<Counter>meter(new HttpRequests(m, route, status), () -> Counter.builder("modelgate.http.requests")
        .description("HTTP requests by method, route and status.")
        .tags("method", m, "route", route, "status", Integer.toString(status)).register(registry)).increment();
    this.<Timer>meter(new HttpDuration(m, route), () -> timer("modelgate.http.request.duration",
        "HTTP request latency by method and route (streams: until the last byte).",
        Tags.of("method", m, "route", route))).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A call the gateway refused or failed before it chose a model: counted under the model asked for, if known. */
  void refused(String operation, @Nullable String requestedModel, String errorCode, long nanos) {
    String model = knownModel(requestedModel);
    requests(operation, model, "", "error");
    errors(model, "", errorCode);
  }

  /** A call refused for going over a limit; {@code limit} names it ({@code requests_per_day}, {@code max_tokens}, …). */
  void quotaRefused(String limit) {
    this.<Counter>meter(new QuotaRefusals(limit), () -> Counter.builder("modelgate.quota.refusals")
        .description("Calls refused for going over a limit, by limit.").tags("limit", limit).register(registry))
        .increment();
  }

  /**
   * One finished call on the model and provider of its route; {@code firstChunkNanos} only for a call the caller
   * streamed (the time to its first chunk of output). Also notes it on {@code http} for the access log.
   */
  void served(Call http, String operation, Route route, String outcome, @Nullable String errorCode, Usage usage,
      BigDecimal costUsd, long nanos, @Nullable Long firstChunkNanos) {
    http.served(route, usage, costUsd);
    String model = route.servedId().toString();
    String provider = route.instance().id();
    requests(operation, model, provider, outcome);
    // As the spans name them: the provider by GenAI's name for it and the model by the provider's, with the
    // instance beside them (two Ollama nodes serve the same model name).
    GenAi genAi = new GenAi(operation, route.instance().kind().genAiProviderName(provider), route.servedId().model(),
        provider);
    String errorType = errorCode == null ? "" : errorCode;
    this.<Timer>meter(new GenAiDuration(genAi, errorType), () -> timer("gen_ai.client.operation.duration",
        "GenAI operation duration: from the request to the call's end.", genAi.tags().and("error.type", errorType)))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (firstChunkNanos != null) {
      this.<Timer>meter(new GenAiFirstChunk(genAi), () -> timer("gen_ai.client.operation.time_to_first_chunk",
          "Time from the request to the first chunk of a streamed reply.", genAi.tags()))
          .record(firstChunkNanos, TimeUnit.NANOSECONDS);
    }
    tokens(genAi, "input", usage.promptTokens());
    tokens(genAi, "output", usage.completionTokens());
    if (costUsd.signum() > 0) {
      this.<Counter>meter(new Cost(model, provider), () -> Counter.builder("modelgate.cost.usd")
          .description("Estimated cost in USD at the catalog price, by model and provider.")
          .tags("model", model, "provider", provider).register(registry)).increment(costUsd.doubleValue());
    }
    if (errorCode != null) {
      errors(model, provider, errorCode);
    }
    for (Attempt attempt : route.attempts()) {
      String target = attempt.target().instance();
      String targetModel = attempt.target().toString();
      String attemptOutcome = attempt.outcome().wireName();
      this.<Counter>meter(new Attempts(target, targetModel, attemptOutcome), () -> Counter
          .builder("modelgate.upstream.attempts").description("Attempts at upstream targets by provider, model "
              + "and outcome (served, failed, timed-out, refused): retries and fallbacks show as more than one.")
          .tags("provider", target, "model", targetModel, "outcome", attemptOutcome).register(registry))
          .increment();
    }
  }

  private void requests(String operation, String model, String provider, String outcome) {
    this.<Counter>meter(new Requests(operation, model, provider, outcome), () -> Counter
        .builder("modelgate.model.requests")
        .description("Model calls by operation, model, provider and outcome (success, error, cancelled).")
        .tags("operation", operation, "model", model, "provider", provider, "outcome", outcome)
        .register(registry)).increment();
  }

  private void errors(String model, String provider, String code) {
    this.<Counter>meter(new Errors(model, provider, code), () -> Counter.builder("modelgate.model.errors")
        .description("Failed model calls by model, provider and error code.")
        .tags("model", model, "provider", provider, "code", code).register(registry)).increment();
  }

  private void tokens(GenAi genAi, String type, long count) {
    this.<DistributionSummary>meter(new Tokens(genAi, type), () -> DistributionSummary
        .builder("gen_ai.client.token.usage")
        .description("Tokens per call by type (input, output), operation, provider and model.")
        .tags(genAi.tags().and("gen_ai.token.type", type)).serviceLevelObjectives(TOKEN_BUCKETS).register(registry))
        .record(count);
  }

  private Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /**
   * The meter {@code key} names, registered by {@code register} the first time. A meter is looked up by a record of
   * its labels instead of by a builder: registering through a builder sorts its tags and makes its id on every
   * call, several times per request (JFR at c=256). Every label is bounded (see above), so this map is too.
   */
  @SuppressWarnings("unchecked")
  private <M extends Meter> M meter(Record key, Supplier<M> register) {
    Meter meter = meters.get(key);
    if (meter == null) {
      meter = meters.computeIfAbsent(key, k -> register.get());
    }
    return (M) meter;
  }

  // The keys of the meters, one record type per meter name.
  private record HttpRequests(String method, String route, int status) {}

  private record HttpDuration(String method, String route) {}

  private record QuotaRefusals(String limit) {}

  private record Requests(String operation, String model, String provider, String outcome) {}

  private record Errors(String model, String provider, String code) {}

  private record Cost(String model, String provider) {}

  private record Attempts(String provider, String model, String outcome) {}

  /** The GenAI labels of a call: its operation, the provider by GenAI's name, the provider's model, the instance. */
  private record GenAi(String operation, String providerName, String model, String provider) {
    Tags tags() {
      return Tags.of("gen_ai.operation.name", operation, "gen_ai.provider.name", providerName,
          "gen_ai.request.model", model, "modelgate.provider.id", provider);
    }
  }

  private record GenAiDuration(GenAi genAi, String errorType) {}

  private record GenAiFirstChunk(GenAi genAi) {}

  private record Tokens(GenAi genAi, String type) {}

  /**
   * Reads the state gauges afresh: each registered provider's health and circuit, and the catalog by status. Run
   * before each scrape; a provider removed since drops out.
   */
  void refresh() {
    List<MultiGauge.Row<?>> healthRows = new ArrayList<>();
    List<MultiGauge.Row<?>> circuitRows = new ArrayList<>();
    for (ProviderInstance p : providers.list()) {
      ProviderState state = states.of(p.id());
      for (HealthState h : HealthState.values()) {
        healthRows.add(MultiGauge.Row.of(Tags.of("provider", p.id(), "state", h.wireName()),
            state.health() == h ? 1 : 0));
      }
      CircuitBreakers.State circuit = breakers.state(p.id());
      for (CircuitBreakers.State c : CircuitBreakers.State.values()) {
        circuitRows.add(MultiGauge.Row.of(Tags.of("provider", p.id(), "state", c.wireName()), circuit == c ? 1 : 0));
      }
    }
    health.register(healthRows, true);
    circuits.register(circuitRows, true);
    Map<ModelStatus, Integer> byStatus = new EnumMap<>(ModelStatus.class);
    for (ModelStatus s : ModelStatus.values()) {
      byStatus.put(s, 0);
    }
    for (CatalogEntry entry : catalog.list(null, null)) {
      byStatus.merge(entry.status(), 1, Integer::sum);
    }
    List<MultiGauge.Row<?>> modelRows = new ArrayList<>();
    byStatus.forEach((s, n) -> modelRows.add(MultiGauge.Row.of(Tags.of("status", s.wireName()), n)));
    models.register(modelRows, true);
  }

  /** Stops listening to the JVM's garbage collections, and pushes the last OTLP metrics when they are on. */
  @Override
  public void close() {
    gc.close();
    registry.close();
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
