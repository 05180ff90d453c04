package io.modelgate.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelgate.core.port.AdminStateVersion;
import io.modelgate.core.port.ChangeVersions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin state (keys, users, orgs, catalog, defaults, aliases, migrations, quota policies, providers, stored
 * provider keys) held in
 * memory, part by part, and kept true to the database that every replica shares.
 *
 * <p>A read is answered from memory once loaded; a write goes to the store, then empties this replica's copy of its
 * part and raises the part's {@link ChangeVersions version}. A poller reads the versions every {@code poll} and
 * empties each part whose version moved, so a change made on any replica is seen everywhere within about one poll.
 * Memory answers only while a poll has succeeded within {@code staleAfter}; past that (the database unreachable,
 * the poller starved) every read goes to the store, so nothing — a revoked key least of all — is believed longer than
 * {@code staleAfter} plus one poll, and after such a lapse everything is loaded again. A load that began before its
 * part was emptied lands in the copy that was thrown away, never in the new one. Thread-safe.
 */
final class SharedState implements AdminStateVersion, AutoCloseable {
  /** How often each replica looks for changes made elsewhere. */
  static final Duration DEFAULT_POLL = Duration.ofMillis(250);
  /** How long memory is trusted without a successful poll. */
  static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(1);
  private static final long MAX_ENTRIES_PER_PART = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(SharedState.class);

  /** The parts of the admin state, each with its own version. */
  enum Part {
    ACCOUNTS, CATALOG, SETTINGS, MIGRATIONS, ALIASES, QUOTA_POLICIES, PROVIDERS, PROVIDER_CONFIGS, CREDENTIALS;

    String versionName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final ChangeVersions versions;
  private final Map<Part, AtomicReference<Cache<Object, Object>>> parts = new EnumMap<>(Part.class);
  private final long staleAfterNanos;
  /** Raised each time a part is forgotten: what was held before may differ from what is read after. */
  private final AtomicLong generation = new AtomicLong();
  private final Thread poller;
  private volatile long trustedUntilNanos;
  private volatile boolean closed;
  private Map<String, Long> seen = Map.of();

  SharedState(ChangeVersions versions, Duration poll, Duration staleAfter) {
    this.versions = Objects.requireNonNull(versions, "'versions' must not be null");
    if (poll.isNegative() || poll.isZero() || staleAfter.compareTo(poll) <= 0) {
      throw new IllegalArgumentException("'poll' must be positive and shorter than 'staleAfter', was " + poll
          + " and " + staleAfter);
    }
    this.staleAfterNanos = staleAfter.toNanos();
    for (Part part : Part.values()) {
      parts.put(part, new AtomicReference<>(newCopy()));
    }
    this.trustedUntilNanos = System.nanoTime() - 1;
    poll();
    long pollMillis = poll.toMillis();
    this.poller = Thread.ofPlatform().daemon().name("modelgate-state-poller").start(() -> {
      while (!closed) {
        try {
          Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
          return;
        }
        poll();
      }
    });
  }

  /** The value {@code load} gives for {@code key} in {@code part}, from memory when it can be trusted. */
  @SuppressWarnings("unchecked")
  <T> T read(Part part, Object key, Supplier<T> load) {
    if (System.nanoTime() - trustedUntilNanos > 0) {
      return load.get();
    }
    Cache<Object, Object> copy = parts.get(part).get();
    Object value = copy.getIfPresent(key);
    if (value == null) {
      value = Objects.requireNonNull(load.get(), "a store read gave null");
      copy.put(key, value);
    }
    return (T) value;
  }

  /** Runs {@code write} on the store, then forgets {@code part} here and tells the other replicas it changed. */
  <T> T write(Part part, Supplier<T> write) {
    T result;
    try {
      result = write.get();
    } finally {
      forget(part);
    }
    versions.raise(part.versionName());
    return result;
  }

  /** {@link #write} for a store method with no result. */
  void update(Part part, Runnable write) {
    write(part, () -> {
      write.run();
      return null;
    });
  }

  private void forget(Part part) {
    parts.get(part).set(newCopy());
    generation.incrementAndGet();
  }

  /**
   * How many times a part was forgotten here (after a write here, or a change seen elsewhere); empty while memory
   * is not trusted, when every read goes to the store.
   */
  @Override
  public OptionalLong current() {
    long version = generation.get();
    return System.nanoTime() - trustedUntilNanos > 0 ? OptionalLong.empty() : OptionalLong.of(version);
  }

  private static Cache<Object, Object> newCopy() {
    return Caffeine.newBuilder().maximumSize(MAX_ENTRIES_PER_PART).build();
  }

  /** Reads the versions; forgets every part whose version moved since the last poll. */
  private void poll() {
    long started = System.nanoTime();
    Map<String, Long> now;
    try {
      now = versions.read();
    } catch (RuntimeException e) {
      LOG.warn("cannot read the admin state's versions, reading the database until it answers: {}", e.toString());
      return;
    }
    synchronized (this) {
      // After a lapse nothing held is known to be current, whatever the versions say.
      boolean lapsed = started - trustedUntilNanos > 0;
      for (Part part : Part.values()) {
        if (lapsed || !Objects.equals(seen.get(part.versionName()), now.get(part.versionName()))) {
          forget(part);
        }
      }
      seen = now;
    }
    trustedUntilNanos = started + staleAfterNanos;
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
  }
}
