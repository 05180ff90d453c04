package io.modelgate.core.routing;

import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.ProviderEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker per target (provider instance and model) and per provider instance. A circuit opens after
 * {@link FailoverSettings#breakerFailures()} failures in a row, or a failure rate over its window; while open, its
 * target gets no calls; after the cooldown one trial call may go (half-open): success closes it, failure opens it
 * again. Every transition is logged, told to {@link ProviderEvents},
 * and feeds the provider's health in {@link ProviderStates}: {@code down} while the provider's own circuit is open,
 * {@code degraded} while one of its targets' is not closed. Kept in memory, per replica. Thread-safe.
 */
@Singleton
public final class CircuitBreakers {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);

  /** Where a circuit stands. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final FailoverSettings settings;
  private final ProviderStates states;
  private final InstantSource clock;
  private final ProviderEvents events;
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
  /**
   * The keys of target circuits that ever failed: only those can be other than closed, so a provider's health is
   * worked out from them, not from a circuit per model of a large catalog on every call.
   */
  private final Set<String> failedTargets = ConcurrentHashMap.newKeySet();
  /** The circuits that are not closed (open or half-open): only those can turn a call away. */
  private final Set<Circuit> tripped = ConcurrentHashMap.newKeySet();

  @Inject
  public CircuitBreakers(FailoverSettings settings, ProviderStates states, InstantSource clock,
      ProviderEvents events) {
    this.settings = settings;
    this.states = states;
    this.clock = clock;
    this.events = events;
  }

  private static String key(ModelId target) {
    return "target:" + target;
  }

  private static String key(String provider) {
    return "provider:" + provider;
  }

  /** {@code target}'s own circuit, made on first use. */
  private Circuit circuit(ModelId target) {
    return circuits.computeIfAbsent(key(target), k -> new Circuit(k, target.instance(), target));
  }

  /** {@code provider}'s circuit, made on first use. */
  private Circuit provider(String provider) {
    return circuits.computeIfAbsent(key(provider), k -> new Circuit(k, provider, null));
  }

  /** Whether a call may go to {@code target} now, without taking a half-open circuit's one trial. */
  public boolean available(ModelId target) {
    Instant now = clock.instant();
    // Looked up, not made: listing thousands of models leaves no circuit behind (one never made is closed).
    Circuit provider = circuits.get(key(target.instance()));
    Circuit model = circuits.get(key(target));
    return (provider == null || provider.available(now)) && (model == null || model.available(now));
  }

  /**
   * The circuits that let no call through now (open, or half-open with their trial taken), by key in order: what
   * {@link #available} refuses, as a value that changes whenever that does.
   */
  public List<String> unavailable() {
    if (tripped.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<String> keys = new ArrayList<>();
    for (Circuit c : tripped) {
      if (!c.available(now)) {
        keys.add(c.key);
      }
    }
    keys.sort(null);
    return keys;
  }

  /** When {@code target} may be tried again, if its circuit (or its provider's) is open now. */
  public @Nullable Duration retryIn(ModelId target) {
    Instant now = clock.instant();
    Instant until = later(provider(target.instance()).openUntil(now), circuit(target).openUntil(now));
    return until == null ? null : Duration.between(now, until);
  }

  private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  /**
   * Asks to send one call to {@code target}: true if both circuits let it through, taking the trial of a
   * half-open one (which must then be reported with {@link #succeeded} or {@link #failed}).
   */
  public boolean tryAcquire(ModelId target) {
    Instant now = clock.instant();
    Circuit provider = provider(target.instance());
    Circuit model = circuit(target);
    if (!provider.available(now) || !model.available(now)) {
      return false;
    }
    boolean ok = provider.acquire(now) && model.acquire(now);
    publish(target.instance());
    return ok;
  }

  /** A call let through by {@link #tryAcquire} did not happen after all: a half-open circuit's trial is free again. */
  public void release(ModelId target) {
    provider(target.instance()).release();
    circuit(target).release();
  }

  /** The call to {@code target} got an answer (a reply, or an error that is the caller's, not the provider's). */
  public void succeeded(ModelId target) {
    Instant now = clock.instant();
    provider(target.instance()).success(now);
    circuit(target).success(now);
    publish(target.instance());
  }

  /**
   * The call to {@code target} failed in a way a retry elsewhere may cure. It counts against the target's circuit,
   * and against its provider's only when the provider could not be reached or sent nothing in time
   * ({@code unreachable}); an answer, even an error, shows the provider is up.
   */
  public void failed(ModelId target, String why, boolean unreachable) {
    Instant now = clock.instant();
    failedTargets.add(key(target));
    circuit(target).failure(now, why);
    Circuit provider = provider(target.instance());
    if (unreachable) {
      provider.failure(now, why);
    } else {
      // The provider answered: it is up, whatever this model's trouble.
      provider.success(now);
    }
    publish(target.instance());
  }

  /** The state of {@code target}'s own circuit. */
  public State state(ModelId target) {
    return circuit(target).state(clock.instant());
  }

  /** The state of {@code provider}'s circuit (all its targets at once). */
  public State state(String provider) {
    return provider(provider).state(clock.instant());
  }

  /** Writes {@code provider}'s health as its circuits show it. */
  private void publish(String provider) {
    Instant now = clock.instant();
    State own = provider(provider).state(now);
    HealthState health;
    String detail = null;
    if (own == State.OPEN) {
      health = HealthState.DOWN;
      detail = "circuit open: " + provider(provider).lastFailure;
    } else {
      health = HealthState.HEALTHY;
      String prefix = "target:" + provider + ":";
      for (String key : failedTargets) {
        Circuit c = key.startsWith(prefix) ? circuits.get(key) : null;
        if (c != null && c.state(now) != State.CLOSED) {
          health = HealthState.DEGRADED;
          detail = "circuit " + c.state(now).wireName() + " for " + c.key.substring(7) + ": " + c.lastFailure;
          break;
        }
      }
      if (own == State.HALF_OPEN && health == HealthState.HEALTHY) {
        health = HealthState.DEGRADED;
        detail = "circuit half-open: trying again";
      }
    }
    states.recordCircuit(provider, health, now, detail);
  }

  /** One circuit. */
  private final class Circuit {
    private final String key;
    private final String provider;
    private final @Nullable ModelId target;
    private State state = State.CLOSED;
    private int consecutive;
    private @Nullable Instant openUntil;
    private boolean trialTaken;
    private final Deque<Instant> calls = new ArrayDeque<>();
    private final Deque<Instant> failures = new ArrayDeque<>();
    private @Nullable String lastFailure;

    Circuit(String key, String provider, @Nullable ModelId target) {
      this.key = key;
      this.provider = provider;
      this.target = target;
    }

    synchronized State state(Instant now) {
      if (state == State.OPEN && openUntil != null && !now.isBefore(openUntil)) {
        return State.HALF_OPEN;
      }
      return state;
    }

    synchronized @Nullable Instant openUntil(Instant now) {
      return state == State.OPEN && openUntil != null && now.isBefore(openUntil) ? openUntil : null;
    }

    synchronized boolean available(Instant now) {
      return switch (state(now)) {
        case CLOSED -> true;
        case OPEN -> false;
        case HALF_OPEN -> !trialTaken;
      };
    }

    synchronized boolean acquire(Instant now) {
      State current = state(now);
      if (current == State.HALF_OPEN && state == State.OPEN) {
        move(State.HALF_OPEN, "cooldown over, one trial call");
      }
      if (current == State.HALF_OPEN) {
        if (trialTaken) {
          return false;
        }
        trialTaken = true;
      }
      return current != State.OPEN;
    }

    synchronized void release() {
      trialTaken = false;
    }

    synchronized void success(Instant now) {
      consecutive = 0;
      record(now, false);
      if (state != State.CLOSED) {
        trialTaken = false;
        openUntil = null;
        move(State.CLOSED, "a call succeeded");
      }
    }

    synchronized void failure(Instant now, String why) {
      lastFailure = why;
      consecutive++;
      record(now, true);
      if (state == State.HALF_OPEN || (state == State.OPEN && openUntil != null && !now.isBefore(openUntil))) {
        open(now, settings.breakerCooldown(), "the trial call failed: " + why);
        return;
      }
      if (state == State.CLOSED) {
        if (consecutive >= settings.breakerFailures()) {
          open(now, settings.breakerCooldown(), consecutive + " failures in a row, the last: " + why);
        } else if (calls.size() >= settings.breakerMinCalls()
            && failures.size() >= settings.breakerFailureRate() * calls.size()) {
          open(now, settings.breakerCooldown(), failures.size() + " of " + calls.size() + " calls failed in "
              + settings.breakerWindow().toSeconds() + " s, the last: " + why);
        }
      }
    }

    private void open(Instant now, Duration duration, String why) {
      openUntil = now.plus(duration);
      trialTaken = false;
      if (state != State.OPEN) {
        move(State.OPEN, why + "; open for " + duration.toSeconds() + " s");
      }
    }

    private void move(State next, String why) {
      if (next == State.OPEN) {
        LOG.warn("circuit {}: {} -> {} ({})", key, state.wireName(), next.wireName(), why);
      } else {
        LOG.info("circuit {}: {} -> {} ({})", key, state.wireName(), next.wireName(), why);
      }
      State from = state;
      state = next;
      if (next == State.CLOSED) {
        tripped.remove(this);
      } else {
        tripped.add(this);
      }
      events.circuitChanged(new ProviderEvents.CircuitChange(provider, target, from, next, why));
    }

    private void record(Instant now, boolean failed) {
      Instant horizon = now.minus(settings.breakerWindow());
      calls.addLast(now);
      if (failed) {
        failures.addLast(now);
      }
      while (!calls.isEmpty() && calls.peekFirst().isBefore(horizon)) {
        calls.removeFirst();
      }
      while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
        failures.removeFirst();
      }
      while (calls.size() > 1_000) {
        calls.removeFirst();
      }
      while (failures.size() > calls.size()) {
        failures.removeFirst();
      }
    }
  }
}
