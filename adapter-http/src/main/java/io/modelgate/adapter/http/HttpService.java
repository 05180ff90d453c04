package io.modelgate.adapter.http;

import io.modelgate.core.account.IssuedKey;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running HTTP service. {@link #start} registers the configured providers, bootstraps the admin account
 * (printing a generated admin key once), discovers providers whose models were never listed, and listens on the
 * port (0 picks a free one). Close it to stop listening.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  private final HttpServer server;
  private final HttpGraph graph;
  private final Optional<Secret> bootstrapKey;
  private final @Nullable ScheduledExecutorService healthChecks;
  private final @Nullable HttpServer management;

  private HttpService(HttpServer server, HttpGraph graph, Optional<Secret> bootstrapKey,
      @Nullable ScheduledExecutorService healthChecks, @Nullable HttpServer management) {
    this.management = management;
    this.server = server;
    this.graph = graph;
    this.bootstrapKey = bootstrapKey;
    this.healthChecks = healthChecks;
  }

  /**
   * Runs the service configured by the environment until the process is stopped, on the configured port
   * ({@code MODELGATE_PORT}, 8080 when unset; 0 picks a free port, printed on start). Stopping the process closes it.
   */
  public static void main(String[] args) throws InterruptedException {
    start(System.getenv()).runUntilStopped();
  }

  /**
   * Serves until SIGTERM or SIGINT, then stops gracefully ({@link #shutdown}); a second signal ends the calls still
   * running at once (each with an error event and its usage record), then the service stops.
   */
  @SuppressWarnings("removal")
  public void runUntilStopped() throws InterruptedException {
    CountDownLatch told = new CountDownLatch(1);
    sun.misc.SignalHandler handler = signal -> {
      if (told.getCount() > 0) {
        LOG.info("SIG{} received: draining (at most {} s); a second signal ends the calls left",
            signal.getName(), graph.settings().drainTimeout().toSeconds());
        told.countDown();
      } else {
        LOG.warn("SIG{} received again: ending the calls still running", signal.getName());
        graph.lifecycle().abort();
      }
    };
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    told.await();
    shutdown(graph.settings().drainTimeout());
  }

  /**
   * Stops gracefully: at once no longer ready ({@code /health/ready} answers 503) and no longer accepting
   * connections; requests and streams in flight may finish within {@code drainTimeout}, after which those left end
   * with an error (a stream: an error event) and their usage recorded; then the database closes.
   */
  public void shutdown(Duration drainTimeout) throws InterruptedException {
    Lifecycle lifecycle = graph.lifecycle();
    // The listeners first: once /health/ready says 503, no connection is accepted and every answer closes its own.
    server.drain();
    if (management != null) {
      management.drain();
    }
    lifecycle.drain();
    if (healthChecks != null) {
      healthChecks.shutdownNow();
    }
    boolean drained = lifecycle.awaitIdle(drainTimeout) && server.awaitIdle(Duration.ofSeconds(5));
    if (!drained) {
      LOG.warn("drain time is up: ending {} call(s) still running", lifecycle.inFlight());
      lifecycle.abort();
      if (!lifecycle.awaitIdle(Duration.ofSeconds(10)) || !server.awaitIdle(Duration.ofSeconds(5))) {
        LOG.error("{} call(s) did not end; stopping anyway", lifecycle.inFlight());
      }
    }
    close();
  }

  /** Starts the service configured by {@code env} on its configured port, printing where it listens to stdout. */
  public static HttpService start(Map<String, String> env) {
    HttpComponent graph = DaggerHttpComponent.factory().create(env);
    return start(graph, graph.settings().port(), System.out);
  }

  /** Starts the service configured by {@code env} on {@code port}, printing where it listens to stdout. */
  public static HttpService start(Map<String, String> env, int port) {
    return start(DaggerHttpComponent.factory().create(env), port, System.out);
  }

  static HttpService start(HttpGraph graph, int port, PrintStream out) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("'port' must be between 0 and 65535, was " + port);
    }
    // OkHttp logs through java.util.logging: to SLF4J with the rest, in the configured format.
    if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
    // The port is taken first: a server that cannot listen stops here, before anything answers or starts.
    HttpServer server;
    try {
      server = HttpServer.bind(graph.settings().host(), port);
    } catch (IOException e) {
      graph.tracing().close();
      graph.database().close();
      throw new IllegalStateException(e.getMessage(), e);
    }
    HttpServer management;
    Optional<IssuedKey> issued;
    try {
      graph.modelgate().start();
      issued = graph.accounts().bootstrap(graph.settings().adminKey());
      graph.modelgate().ensureDiscovered();
      // The state meters (health, circuits, catalog) as they start; read again at each scrape and health round.
      graph.metrics().refresh();
      management = management(graph);
    } catch (RuntimeException e) {
      server.close();
      graph.tracing().close();
      graph.database().close();
      throw e;
    }
    Api api = graph.api();
    server.start(api::serve);
    if (management != null) {
      management.start(api::serveManagement);
    }
    out.println("Modelgate listening on http://" + displayHost(graph.settings().host()) + ":" + server.port());
    if (management != null) {
      out.println("Metrics and health on http://" + displayHost(graph.settings().host()) + ":" + management.port()
          + "/metrics");
    }
    // Shown once: only its hash is stored. A key given as MODELGATE_ADMIN_KEY is the operator's and not echoed.
    Optional<Secret> generated = issued.map(IssuedKey::key)
        .filter(k -> graph.settings().adminKey() == null || !graph.settings().adminKey().equals(k));
    generated.ifPresent(k -> out.println("Bootstrap admin key (shown once, store it now): " + k.reveal()));
    out.flush();
    return new HttpService(server, graph, generated, scheduleHealthChecks(graph), management);
  }

  /**
   * The management listener ({@code MODELGATE_MANAGEMENT_PORT}) on the service's host: {@code /metrics} and health
   * without a key, for a scraper on an operator's network; null when none is configured.
   */
  private static @Nullable HttpServer management(HttpGraph graph) {
    Integer port = graph.operations().managementPort();
    if (port == null) {
      return null;
    }
    try {
      return HttpServer.bind(graph.settings().host(), port);
    } catch (IOException e) {
      throw new IllegalStateException("MODELGATE_MANAGEMENT_PORT: " + e.getMessage(), e);
    }
  }

  /**
   * Probes every enabled provider now and then (MODELGATE_HEALTH_INTERVAL_SECONDS), so the catalog APIs show
   * fresh status and latency and routing skips providers that are down, then reads the state meters again (for an
   * OTLP push, which no scrape refreshes); a failed round is logged, never fatal.
   */
  private static @Nullable ScheduledExecutorService scheduleHealthChecks(HttpGraph graph) {
    Duration interval = graph.settings().healthInterval();
    if (interval.isZero()) {
      return null;
    }
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofVirtual().name("modelgate-health").factory());
    Duration timeout = interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10);
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        graph.health().probeAll(timeout);
        graph.metrics().refresh();
      } catch (RuntimeException e) {
        LOG.warn("provider health round failed: {}", e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return scheduler;
  }

  private static String displayHost(String host) {
    if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The port the service listens on. */
  public int port() {
    return server.port();
  }

  /** The management listener's port, when {@code MODELGATE_MANAGEMENT_PORT} set one. */
  public java.util.OptionalInt managementPort() {
    return management == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(management.port());
  }

  /** The admin key generated by this start, if this start generated one. */
  public Optional<String> bootstrapKey() {
    return bootstrapKey.map(Secret::reveal);
  }

  @Override
  public void close() {
    if (healthChecks != null) {
      healthChecks.shutdownNow();
    }
    try {
      server.close();
      if (management != null) {
        management.close();
      }
    } finally {
      graph.alerts().close();
      graph.metrics().close();
      graph.tracing().close();
      graph.database().close();
    }
  }
}
