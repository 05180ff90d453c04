package io.modelgate.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operations: liveness, readiness (the stores answer), and the metrics in Prometheus text, by Micrometer. */
@Singleton
final class OpsApi {
  private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
  private static final String TAG = "operations";

  private final AccountService accounts;
  private final ProviderRegistry registry;
  private final PrometheusMeterRegistry metrics;
  private final Lifecycle lifecycle;

  @Inject
  OpsApi(AccountService accounts, ProviderRegistry registry, PrometheusMeterRegistry metrics, Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.accounts = accounts;
    this.registry = registry;
    this.metrics = metrics;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access open = Endpoint.Access.PUBLIC;
    return List.of(
        new Endpoint(Method.GET, "/health/live", open, TAG, "Whether the process serves requests",
            call -> call.json(200, Map.of("status", "up"))),
        new Endpoint(Method.GET, "/health/ready", open, TAG, "Whether the service takes calls: not while it stops, nor when the database does not answer",
            this::ready),
        new Endpoint(Method.GET, "/metrics", open, TAG,
            "Prometheus metrics: requests, latency, time to first token, tokens, cost, errors", this::metrics));
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
    call.response().status(200);
    call.response().header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    call.response().send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
