package io.modelgate.adapter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.port.ProviderEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * What core tells of providers, as meters: moves of their health and circuits, and each discovery's duration,
 * outcome and cache hit. Labels are registered providers and enums. Thread-safe.
 */
@Singleton
final class ProviderMetrics implements ProviderEvents {
  private final MeterRegistry registry;

  @Inject
  ProviderMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void healthChanged(HealthChange change) {
    Counter.builder("modelgate.provider.health.changes").description("Moves of a provider's health, by the state "
        + "it moved to.").tags("provider", change.provider(), "to", change.to().wireName())
        .register(registry).increment();
  }

  @Override
  public void circuitChanged(CircuitChange change) {
    Counter.builder("modelgate.circuit.changes").description("Circuit breaker moves by provider, circuit (the "
        + "provider's own, or one of its targets') and the state moved to.")
        .tags("provider", change.provider(), "circuit", change.target() == null ? "provider" : "target",
            "to", change.to().wireName())
        .register(registry).increment();
  }

  @Override
  public void discovered(ProviderReport report) {
    Timer.builder("modelgate.discovery.duration").description("Model discovery per provider: how long, whether it "
        + "failed, and whether the listing came from the cache.")
        .tags("provider", report.provider(), "outcome", report.ok() ? "success" : "error",
            "cache", report.cacheHit() ? "hit" : "miss")
        .serviceLevelObjectives(Metrics.BUCKETS).register(registry)
        .record(report.took().toNanos(), TimeUnit.NANOSECONDS);
  }
}
