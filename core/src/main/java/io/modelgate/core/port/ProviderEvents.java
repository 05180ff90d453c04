package io.modelgate.core.port;

import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.CircuitBreakers;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears how providers are doing as the gateway learns it, for operators (metrics, logs, alerts); routing never asks
 * it anything. Called on the thread that saw the change, often a request's: an implementation returns at once
 * (slow work goes to a bounded queue of its own) and should not throw. Thread-safe.
 */
public interface ProviderEvents {
  /** Hears nothing. */
  ProviderEvents NONE = new ProviderEvents() {};

  /** A provider's health, as {@link io.modelgate.core.catalog.ProviderStates} shows it, moved. */
  default void healthChanged(HealthChange change) {}

  /** A circuit breaker moved: a provider's own circuit, or one of its targets'. */
  default void circuitChanged(CircuitChange change) {}

  /** Discovery listed one provider (or failed to: {@link ProviderReport#ok()} is false). */
  default void discovered(ProviderReport report) {}

  /**
   * {@code provider}'s health went from {@code from} to {@code to} at {@code at}; {@code detail} says why when it is
   * not healthy (redacted text: never a key).
   */
  record HealthChange(String provider, HealthState from, HealthState to, @Nullable String detail, Instant at) {
    public HealthChange {
      Objects.requireNonNull(provider, "'provider' must not be null");
      Objects.requireNonNull(from, "'from' must not be null");
      Objects.requireNonNull(to, "'to' must not be null");
      Objects.requireNonNull(at, "'at' must not be null");
    }

    /** The provider stopped answering: it is {@code down} now and was not. */
    public boolean wentDown() {
      return to == HealthState.DOWN && from != HealthState.DOWN;
    }

    /** The provider answers again: it was {@code down} and is not now. */
    public boolean cameBack() {
      return from == HealthState.DOWN && to != HealthState.DOWN;
    }
  }

  /**
   * A circuit of {@code provider} moved from {@code from} to {@code to}: the provider's own circuit when
   * {@code target} is null, else that model's; {@code why} is the breaker's reason (error codes, counts).
   */
  record CircuitChange(String provider, @Nullable ModelId target, CircuitBreakers.State from,
      CircuitBreakers.State to, String why) {
    public CircuitChange {
      Objects.requireNonNull(provider, "'provider' must not be null");
      Objects.requireNonNull(from, "'from' must not be null");
      Objects.requireNonNull(to, "'to' must not be null");
      Objects.requireNonNull(why, "'why' must not be null");
    }
  }

  /** Tells each of {@code listeners} in turn; one that throws is logged and the others still hear. */
  static ProviderEvents all(List<ProviderEvents> listeners) {
    List<ProviderEvents> each = List.copyOf(listeners);
    if (each.isEmpty()) {
      return NONE;
    }
    Logger log = LoggerFactory.getLogger(ProviderEvents.class);
    return new ProviderEvents() {
      @Override
      public void healthChanged(HealthChange change) {
        each.forEach(l -> safely(l, () -> l.healthChanged(change)));
      }

      @Override
      public void circuitChanged(CircuitChange change) {
        each.forEach(l -> safely(l, () -> l.circuitChanged(change)));
      }

      @Override
      public void discovered(ProviderReport report) {
        each.forEach(l -> safely(l, () -> l.discovered(report)));
      }

      private void safely(ProviderEvents listener, Runnable call) {
        try {
          call.run();
        } catch (RuntimeException e) {
          log.warn("provider event listener {} failed: {}", listener.getClass().getName(), e.toString());
        }
      }
    };
  }
}
