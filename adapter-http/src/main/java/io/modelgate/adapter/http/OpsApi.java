package io.modelgate.adapter.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelgate.app.OperationsSettings;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: liveness, readiness (the stores answer), and the metrics in Prometheus text, by Micrometer. With a
 * management port ({@code MODELGATE_MANAGEMENT_PORT}) the metrics are served there, to anyone who reaches it, and no
 * longer on the main port; without one, on the main port to admins only.
 */
@Singleton
final class OpsApi {
  private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
  private static final String TAG = "operations";

  private final AccountService accounts;
  private final ProviderRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final Metrics metrics;
  private final Lifecycle lifecycle;
  private final OperationsSettings settings;

  @Inject
  OpsApi(AccountService accounts, ProviderRegistry registry, PrometheusMeterRegistry prometheus, Metrics metrics,
      Lifecycle lifecycle, OperationsSettings settings) {
    this.lifecycle = lifecycle;
    this.accounts = accounts;
    this.registry = registry;
    this.prometheus = prometheus;
    this.metrics = metrics;
    this.settings = settings;
  }

  /** The main port's: health, and the metrics for admins unless a management port serves them. */
  List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>(health());
    if (settings.managementPort() == null) {
      all.add(metrics(Endpoint.Access.ADMIN));
    }
    return List.copyOf(all);
  }

  /** The management port's: health, and the metrics to anyone who reaches the port. */
  List<Endpoint> management() {
    List<Endpoint> all = new ArrayList<>(health());
    all.add(metrics(Endpoint.Access.PUBLIC));
    return List.copyOf(all);
  }

  private List<Endpoint> health() {
    Endpoint.Access open = Endpoint.Access.PUBLIC;
    return List.of(
        new Endpoint(Method.GET, "/health/live", open, TAG, "Whether the process serves requests",
            call -> call.json(200, Map.of("status", "up"))),
        new Endpoint(Method.GET, "/health/ready", open, TAG, "Whether the service takes calls: not while it stops, nor when the database does not answer",
            this::ready));
  }

  private Endpoint metrics(Endpoint.Access access) {
    return new Endpoint(Method.GET, "/metrics", access, TAG, "Prometheus metrics: GenAI tokens, durations and time "
        + "to first chunk, calls by outcome, cost, quota refusals, provider health and circuits, catalog, discovery, "
        + "usage queue, HTTP and JVM" + (access == Endpoint.Access.ADMIN ? " (admins; or on MODELGATE_MANAGEMENT_PORT)"
        : ""), this::metrics);
  }

  private void ready(Call call) {
    if (lifecycle.phase() != Lifecycle.Phase.SERVING) {
      call.json(503, Map.of("status", "stopping"));
      return;
    }
    try {
      accounts.users();
      registry.list();
      call.json(200, Map.of("status", "up"));
    } catch (RuntimeException e) {
      LOG.warn("readiness check failed: {}", e.toString());
      call.json(503, Map.of("status", "down"));
    }
  }

  private void metrics(Call call) {
    metrics.refresh();
    call.send(200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
