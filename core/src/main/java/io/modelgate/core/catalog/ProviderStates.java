package io.modelgate.core.catalog;

import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderEvents;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway last saw of each provider instance — from discovery, health probes and its calls' circuit
 * breakers — by provider id. Kept in memory (each replica sees its own providers' behaviour); a provider never seen
 * is {@code unknown}. What it shows is the worse of the last probe (or discovery) and the circuits. Each time that
 * moves, the move is logged (a provider going {@code down} as a warning) and told to {@link ProviderEvents}, once.
 * Thread-safe.
 */
@Singleton
public final class ProviderStates {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderStates.class);

  private final ProviderRegistry registry;
  private final ProviderEvents events;
  private final InstantSource clock;
  private final Map<String, ProviderState> states = new ConcurrentHashMap<>();
  private final Map<String, ProviderState> circuits = new ConcurrentHashMap<>();
  private final Map<String, CatalogFreshness> catalogs = new ConcurrentHashMap<>();
  /** The health last told for each provider, so each move is told once. */
  private final Map<String, HealthState> told = new ConcurrentHashMap<>();
  /** Raised after each change to what this shows (not for a record equal to the one held). */
  private final AtomicLong version = new AtomicLong();

  @Inject
  public ProviderStates(ProviderRegistry registry, ProviderEvents events, InstantSource clock) {
    this.registry = registry;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A number that changes after each change to what this shows (health, latency, when checked, circuits, catalog
   * freshness); read it before the states it stands for.
   */
  public long version() {
    return version.get();
  }

  private void changed(@Nullable Object before, Object after) {
    if (!after.equals(before)) {
      version.incrementAndGet();
    }
  }

  /** Every registered provider's state, in registry order. */
  public Map<String, ProviderState> all() {
    Map<String, ProviderState> result = new LinkedHashMap<>();
    for (ProviderInstance instance : registry.list()) {
      result.put(instance.id(), of(instance.id()));
    }
    return result;
  }

  /** The state of {@code provider}; {@code unknown} when nothing was seen of it yet. */
  public ProviderState of(String provider) {
    ProviderState probed = states.getOrDefault(provider,
        new ProviderState(provider, HealthState.UNKNOWN, null, null, null));
    ProviderState circuit = circuits.get(provider);
    if (circuit == null || rank(circuit.health()) <= rank(probed.health())) {
      return probed;
    }
    return new ProviderState(provider, circuit.health(), circuit.lastChecked(), probed.latency(), circuit.error());
  }

  private static int rank(HealthState health) {
    return switch (health) {
      case UNKNOWN, HEALTHY -> 0;
      case DEGRADED -> 1;
      case DOWN -> 2;
    };
  }

  /**
   * Records what {@code provider}'s circuit breakers show: {@code healthy} when every circuit is closed,
   * {@code degraded} or {@code down} otherwise. Shown, not used to skip the provider: the breakers decide that.
   */
  public void recordCircuit(String provider, HealthState health, Instant at, @Nullable String detail) {
    if (health == HealthState.HEALTHY) {
      if (circuits.remove(provider) != null) {
        version.incrementAndGet();
      }
    } else {
      ProviderState now = new ProviderState(provider, health, at, null, detail);
      changed(circuits.put(provider, now), now);
    }
    tell(provider, at);
  }

  /** Whether {@code provider} was last seen down by discovery or a health probe (routing avoids it). */
  public boolean down(String provider) {
    ProviderState state = states.get(provider);
    return state != null && state.health() == HealthState.DOWN;
  }

  /** Records that {@code provider}'s models were listed successfully at {@code at}: its catalog is fresh. */
  public void recordListing(String provider, Instant at) {
    CatalogFreshness now = new CatalogFreshness(at, false);
    changed(catalogs.put(provider, now), now);
  }

  /**
   * Records that listing {@code provider}'s models failed: its catalog is stale, still the list of
   * {@code lastGood} (the last successful listing, null when none is known).
   */
  public void recordListingFailed(String provider, @Nullable Instant lastGood) {
    CatalogFreshness now = new CatalogFreshness(lastGood, true);
    changed(catalogs.put(provider, now), now);
  }

  /** How fresh {@code provider}'s part of the catalog is, as this replica last listed it. */
  public CatalogFreshness catalog(String provider) {
    return catalogs.getOrDefault(provider, CatalogFreshness.UNKNOWN);
  }

  /** Records a discovery's, a health probe's or a call's view of a provider. */
  public void record(ProviderState state) {
    changed(states.put(state.provider(), state), state);
    tell(state.provider(), state.lastChecked() != null ? state.lastChecked() : clock.instant());
  }

  /** Logs and tells a move of {@code provider}'s health since it was last told. */
  private void tell(String provider, Instant at) {
    ProviderState now = of(provider);
    HealthState before = told.put(provider, now.health());
    HealthState from = before == null ? HealthState.UNKNOWN : before;
    if (from == now.health()) {
      return;
    }
    ProviderEvents.HealthChange change = new ProviderEvents.HealthChange(provider, from, now.health(),
        now.error(), at);
    if (change.wentDown()) {
      LOG.warn("provider '{}' is down (was {}): {}", provider, from.wireName(), now.error());
    } else if (change.cameBack()) {
      LOG.info("provider '{}' is back: {} (was down)", provider, now.health().wireName());
    } else if (from == HealthState.UNKNOWN && now.health() == HealthState.HEALTHY) {
      LOG.debug("provider '{}' is healthy", provider);
    } else {
      LOG.info("provider '{}' is {} (was {}){}", provider, now.health().wireName(), from.wireName(),
          now.error() == null ? "" : ": " + now.error());
    }
    events.healthChanged(change);
  }
}
