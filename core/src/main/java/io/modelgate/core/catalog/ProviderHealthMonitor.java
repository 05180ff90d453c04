package io.modelgate.core.catalog;

import io.modelgate.core.error.Redaction;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.provider.ProviderConnections;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes providers' health and records what it sees in {@link ProviderStates}, where routing skips providers that are down
 * and the catalog APIs show status and latency. Every enabled instance is probed at once, each on its own virtual
 * thread; one that does not answer within the timeout is down. Thread-safe.
 */
@Singleton
public final class ProviderHealthMonitor {
  private final ProviderRegistry registry;
  private final ProviderConnections connections;
  private final ProviderStates states;
  private final InstantSource clock;

  @Inject
  public ProviderHealthMonitor(ProviderRegistry registry, ProviderConnections connections, ProviderStates states,
      InstantSource clock) {
    this.registry = registry;
    this.connections = connections;
    this.states = states;
    this.clock = clock;
  }

  /** Probes every enabled instance; returns each one's status by id, in registry order. */
  public Map<String, HealthStatus> probeAll(Duration timeout) {
    return probe(registry.list().stream().filter(ProviderInstance::enabled).toList(), timeout);
  }

  /** Probes {@code instances} at once; returns each one's status by id, in the given order. */
  public Map<String, HealthStatus> probe(List<ProviderInstance> instances, Duration timeout) {
    Map<String, CompletableFuture<HealthStatus>> running = new LinkedHashMap<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ProviderInstance instance : instances) {
        running.put(instance.id(), CompletableFuture.supplyAsync(() -> probeOne(instance), executor));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      Map<String, HealthStatus> results = new LinkedHashMap<>();
      for (Map.Entry<String, CompletableFuture<HealthStatus>> e : running.entrySet()) {
        HealthStatus status;
        try {
          status = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
          e.getValue().cancel(true);
          status = new HealthStatus(HealthState.DOWN, timeout, "no answer within " + timeout.toMillis() + " ms",
              clock.instant());
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while probing providers", ex);
        } catch (ExecutionException ex) {
          status = down(ex.getCause());
        }
        results.put(e.getKey(), status);
        states.record(new ProviderState(e.getKey(), status.state(), status.checkedAt(), status.latency(),
            status.state() == HealthState.HEALTHY ? null : status.detail()));
      }
      executor.shutdownNow();
      return results;
    }
  }

  private HealthStatus probeOne(ProviderInstance instance) {
    try {
      return connections.connect(instance, instance.owner()).health().probe();
    } catch (RuntimeException e) {
      return down(e);
    }
  }

  private HealthStatus down(Throwable e) {
    return new HealthStatus(HealthState.DOWN, null, Redaction.redact(String.valueOf(e.getMessage())),
        clock.instant());
  }
}
