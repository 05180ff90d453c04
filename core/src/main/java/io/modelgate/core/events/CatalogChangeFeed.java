package io.modelgate.core.events;

import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The catalog's changes as a stream of {@link CatalogEvent}s. It compares what the catalog holds now (models with
 * their status and price, each provider's defaults and health) with what it held at the last look, so a change made
 * on another replica — the catalog lives in the shared database — shows here too, and nothing in the catalog has to
 * announce its changes. It looks at most once per {@link #MIN_INTERVAL}, and only while someone listens. The newest
 * {@link #CAPACITY} events are kept, so a client that reconnects with the last id it saw gets what it missed, or
 * learns that it must reload when that is too old. Thread-safe.
 */
@Singleton
public final class CatalogChangeFeed {
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final int CAPACITY = 2_000;

  private final ModelCatalog catalog;
  private final ProviderStates states;
  private final ProviderRegistry registry;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<CatalogEvent> recent = new ArrayDeque<>();
  private @Nullable Snapshot last;
  private @Nullable Instant lastLook;
  private long nextId = 1;

  @Inject
  public CatalogChangeFeed(ModelCatalog catalog, ProviderStates states, ProviderRegistry registry,
      InstantSource clock) {
    this.catalog = catalog;
    this.states = states;
    this.registry = registry;
    this.clock = clock;
  }

  /** Looks at the catalog now unless it looked less than {@link #MIN_INTERVAL} ago; returns the new events. */
  public List<CatalogEvent> poll() {
    lock.lock();
    try {
      Instant now = clock.instant();
      if (lastLook != null && Duration.between(lastLook, now).compareTo(MIN_INTERVAL) < 0) {
        return List.of();
      }
      lastLook = now;
      Snapshot current = snapshot();
      List<CatalogEvent> events = last == null ? List.of() : diff(last, current, now);
      last = current;
      for (CatalogEvent e : events) {
        recent.addLast(e);
        if (recent.size() > CAPACITY) {
          recent.removeFirst();
        }
      }
      if (!events.isEmpty()) {
        changed.signalAll();
      }
      return events;
    } finally {
      lock.unlock();
    }
  }

  /** The id of the newest event, 0 when there is none yet: where a new listener starts. */
  public long lastId() {
    lock.lock();
    try {
      if (last == null) {
        poll();
      }
      return nextId - 1;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The events after {@code afterId}, oldest first; empty when there are none. Empty too (not a partial list) when
   * the events right after {@code afterId} are no longer kept: {@link #tooOld} says so, and the client must reload.
   */
  public List<CatalogEvent> since(long afterId) {
    lock.lock();
    try {
      return tooOld(afterId) ? List.of() : recent.stream().filter(e -> e.id() > afterId).toList();
    } finally {
      lock.unlock();
    }
  }

  /** Whether events after {@code afterId} were dropped from memory (or the id is from another process). */
  public boolean tooOld(long afterId) {
    lock.lock();
    try {
      if (afterId > nextId - 1) {
        return true;
      }
      CatalogEvent oldest = recent.peekFirst();
      return oldest != null && afterId < oldest.id() - 1;
    } finally {
      lock.unlock();
    }
  }

  /** Polls, then waits up to {@code timeout} for an event after {@code afterId}; returns those events. */
  public List<CatalogEvent> await(long afterId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      poll();
      lock.lock();
      try {
        List<CatalogEvent> found = since(afterId);
        long left = deadline - System.nanoTime();
        if (!found.isEmpty() || left <= 0 || tooOld(afterId)) {
          return found;
        }
        changed.await(Math.min(left, MIN_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
      } finally {
        lock.unlock();
      }
    }
  }

  // ---- comparing ------------------------------------------------------------------------------------------------

  private record ModelView(ModelId id, ModelCategory category, String status, @Nullable String price) {}

  private record Snapshot(Map<String, ModelView> models, Map<String, String> defaults, Map<String, String> health) {}

  private Snapshot snapshot() {
    Map<String, ModelView> models = new HashMap<>();
    for (CatalogEntry e : catalog.list(new ModelFilter(null, null, null, null, null))) {
      models.put(e.id() + "|" + e.category().wireName(),
          new ModelView(e.id(), e.category(), e.status().wireName(), price(e.pricing())));
    }
    Map<String, String> defaults = new HashMap<>();
    for (ProviderInstance i : registry.list()) {
      i.defaultModels().forEach((category, model) ->
          defaults.put(i.id() + "|" + category.wireName(), i.id() + ":" + model));
    }
    Map<String, String> health = new HashMap<>();
    for (ProviderState s : states.all().values()) {
      health.put(s.provider(), s.health().wireName());
    }
    return new Snapshot(models, defaults, health);
  }

  private List<CatalogEvent> diff(Snapshot before, Snapshot now, Instant at) {
    List<CatalogEvent> out = new ArrayList<>();
    now.models().forEach((key, m) -> {
      ModelView old = before.models().get(key);
      if (old == null) {
        out.add(event(CatalogEvent.Type.MODEL_ADDED, at, m.id().instance(), m.id(), m.category(), null, m.status()));
        return;
      }
      if (!old.status().equals(m.status())) {
        out.add(event(CatalogEvent.Type.MODEL_STATUS, at, m.id().instance(), m.id(), m.category(), old.status(),
            m.status()));
      }
      if (!Objects.equals(old.price(), m.price())) {
        out.add(event(CatalogEvent.Type.MODEL_PRICE, at, m.id().instance(), m.id(), m.category(), old.price(),
            m.price()));
      }
    });
    now.defaults().forEach((key, model) -> {
      String old = before.defaults().get(key);
      if (!model.equals(old)) {
        String provider = key.substring(0, key.indexOf('|'));
        out.add(event(CatalogEvent.Type.DEFAULT_CHANGED, at, provider, ModelId.parse(model),
            ModelCategory.parse(key.substring(key.indexOf('|') + 1)), old, model));
      }
    });
    now.health().forEach((provider, state) -> {
      String old = before.health().get(provider);
      if (old != null && !old.equals(state)) {
        out.add(event(CatalogEvent.Type.PROVIDER_HEALTH, at, provider, null, null, old, state));
      }
    });
    return out;
  }

  private CatalogEvent event(CatalogEvent.Type type, Instant at, String provider, @Nullable ModelId model,
      @Nullable ModelCategory category, @Nullable String before, @Nullable String after) {
    return new CatalogEvent(nextId++, type, at, provider, model, category, before, after);
  }

  private static @Nullable String price(@Nullable Pricing p) {
    if (p == null || (p.inputPerMillion() == null && p.outputPerMillion() == null)) {
      return null;
    }
    return plain(p.inputPerMillion()) + "/" + plain(p.outputPerMillion());
  }

  private static String plain(@Nullable BigDecimal v) {
    return v == null ? "?" : v.stripTrailingZeros().toPlainString();
  }
}
