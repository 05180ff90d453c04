package io.modelgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.MutableClock;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.ProviderEvents;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.routing.FailoverSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each move of a provider's health, from probes or circuits, is told once; the same state again is not a move. */
class ProviderStatesTest {
  private final MutableClock clock = new MutableClock();
  private final List<ProviderEvents.HealthChange> health = new CopyOnWriteArrayList<>();
  private final List<ProviderEvents.CircuitChange> circuits = new CopyOnWriteArrayList<>();
  private final ProviderEvents events = new ProviderEvents() {
    @Override
    public void healthChanged(HealthChange change) {
      health.add(change);
    }

    @Override
    public void circuitChanged(CircuitChange change) {
      circuits.add(change);
    }
  };
  private final ProviderStates states = new ProviderStates(new InMemoryProviderRegistry(), events, clock);

  private void probed(String provider, HealthState state) {
    states.record(new ProviderState(provider, state, clock.instant(), null, state == HealthState.DOWN
        ? "connection refused" : null));
  }

  @Test
  void eachMoveIsToldOnceAndOnlyDownAndBackCountAsOutages() {
    probed("node", HealthState.HEALTHY);
    probed("node", HealthState.HEALTHY);
    probed("node", HealthState.DOWN);
    probed("node", HealthState.DOWN);
    probed("node", HealthState.DEGRADED);
    probed("node", HealthState.HEALTHY);

    assertThat(health).extracting(c -> c.from() + "->" + c.to()).containsExactly(
        "UNKNOWN->HEALTHY", "HEALTHY->DOWN", "DOWN->DEGRADED", "DEGRADED->HEALTHY");
    assertThat(health).filteredOn(ProviderEvents.HealthChange::wentDown).singleElement()
        .satisfies(c -> assertThat(c.detail()).isEqualTo("connection refused"));
    assertThat(health).filteredOn(ProviderEvents.HealthChange::cameBack).singleElement()
        .satisfies(c -> assertThat(c.to()).isEqualTo(HealthState.DEGRADED));
  }

  @Test
  void anOpenCircuitTakesTheProviderDownAndClosingBringsItBack() {
    FailoverSettings settings = FailoverSettings.DEFAULTS.newBuilder().breakerFailures(2).build();
    CircuitBreakers breakers = new CircuitBreakers(settings, states, clock, events);
    ModelId target = ModelId.parse("node:llama3");
    probed("node", HealthState.HEALTHY);

    assertThat(breakers.tryAcquire(target)).isTrue();
    breakers.failed(target, "upstream_unavailable", true);
    assertThat(breakers.tryAcquire(target)).isTrue();
    breakers.failed(target, "upstream_unavailable", true);
    clock.advance(settings.breakerCooldown());
    assertThat(breakers.tryAcquire(target)).isTrue();
    breakers.succeeded(target);

    assertThat(circuits).filteredOn(c -> c.target() == null)
        .extracting(c -> c.provider() + ":" + c.from() + "->" + c.to())
        .containsExactly("node:CLOSED->OPEN", "node:OPEN->HALF_OPEN", "node:HALF_OPEN->CLOSED");
    assertThat(circuits).filteredOn(c -> target.equals(c.target())).extracting(c -> c.from() + "->" + c.to())
        .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    assertThat(health).filteredOn(ProviderEvents.HealthChange::wentDown).hasSize(1);
    assertThat(health).filteredOn(ProviderEvents.HealthChange::cameBack).hasSize(1);
    assertThat(states.of("node").health()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void aListenerThatThrowsDoesNotSilenceTheOthers() {
    ProviderEvents broken = new ProviderEvents() {
      @Override
      public void healthChanged(HealthChange change) {
        throw new IllegalStateException("broken listener");
      }
    };
    ProviderStates both = new ProviderStates(new InMemoryProviderRegistry(), ProviderEvents.all(List.of(broken,
        events)), clock);
    both.record(new ProviderState("node", HealthState.DOWN, clock.instant(), null, "gone"));
    assertThat(health).singleElement().satisfies(c -> assertThat(c.wentDown()).isTrue());
  }
}
