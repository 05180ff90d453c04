package io.modelgate.app;

import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes usage records off the request path (group commit): {@link #record} queues the call's record and settlements
 * and returns; a writer thread commits what is queued every {@code interval}, or sooner once a batch fills, in one
 * transaction through {@link UsageLog#recordAll}. So a process killed outright loses at most the records of the last
 * interval, and a quota counter with a limit never counts less than was served (its reservation is already
 * committed; only the settlement waits). {@link #close} writes everything still queued. Reads ({@link #find},
 * {@link #totals}) first write what is queued, so a caller sees its own calls.
 *
 * <p>When the store fails, the batch stays queued and is tried again; a batch the store refuses while single records
 * go in is written record by record, and a record refused on its own is logged and dropped (as a synchronous write
 * would have been). Once {@value #MAX_QUEUED} records wait, {@link #record} writes the queue itself: callers slow to
 * the store's pace instead of memory growing without end. Thread-safe.
 */
final class GroupCommitUsageLog implements UsageLog, AutoCloseable {
  /** How long a record may wait in memory: the most a crash can lose. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
  private static final int MAX_BATCH = 1_000;
  private static final int MAX_QUEUED = 20_000;
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitUsageLog.class);

  private final UsageLog store;
  private final long intervalNanos;
  private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
  /** What accepted, uncommitted records hold of settlements of each counter. */
  private final Map<QuotaCounterKey, Pending> settling = new ConcurrentHashMap<>();
  private final AtomicInteger queued = new AtomicInteger();
  /** Held while writing, so batches commit in the order they were taken; guards {@link #unwritten}. */
  private final ReentrantLock writing = new ReentrantLock();
  /** Taken from the queue but not yet committed (the store failed); written first next time. */
  private final List<Entry> unwritten = new ArrayList<>();
  /** The size of {@link #unwritten}, readable without the lock. */
  private volatile int unwrittenSize;
  private final Thread writer;
  private volatile boolean closed;
  /** The last write failed (logged once until one succeeds again). */
  private volatile boolean failing;

  GroupCommitUsageLog(UsageLog store, Duration interval) {
    this.store = Objects.requireNonNull(store, "'store' must not be null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("'interval' must be positive, was " + interval);
    }
    this.intervalNanos = interval.toNanos();
    this.writer = Thread.ofPlatform().daemon().name("modelgate-usage-writer").start(this::writeEveryInterval);
  }

  @Override
  public void record(UsageRecord record, List<QuotaAdjustment> settlements) {
    Entry entry = new Entry(record, settlements);
    if (closed) {
      store.record(entry.record(), entry.settlements());
      return;
    }
    for (QuotaAdjustment adjustment : entry.settlements()) {
      settling.merge(adjustment.key(), Pending.of(adjustment.delta()), Pending::plus);
    }
    queue.add(entry);
    int waiting = queued.incrementAndGet();
    if (closed || waiting >= MAX_QUEUED) {
      flush(); // closed meanwhile: nobody else would write it
    } else if (waiting >= MAX_BATCH) {
      LockSupport.unpark(writer);
    }
  }

  @Override
  public void recordAll(List<Entry> entries) {
    for (Entry entry : entries) {
      record(entry.record(), entry.settlements());
    }
  }

  /** Whether an accepted record not yet committed holds a settlement of {@code counter}. */
  boolean settling(QuotaCounterKey counter) {
    return settling.containsKey(counter);
  }

  /**
   * Whether an accepted record not yet committed holds a settlement of {@code counter} that changes what
   * {@code limit} bounds (one that changes only the rest cannot change whether a reservation under it fits).
   */
  boolean settling(QuotaCounterKey counter, QuotaLimit limit) {
    Pending pending = settling.get(counter);
    return pending != null && (limit.requests() != null && pending.requests() > 0
        || limit.tokens() != null && pending.tokens() > 0 || limit.usd() != null && pending.usd() > 0);
  }

  /** How many settlements of a counter are pending, and how many of them change each of its measures. */
  private record Pending(int settlements, int requests, int tokens, int usd) {
    static Pending of(QuotaAmount delta) {
      return new Pending(1, delta.requests() != 0 ? 1 : 0, delta.tokens() != 0 ? 1 : 0,
          delta.usd().signum() != 0 ? 1 : 0);
    }

    Pending plus(Pending other) {
      return new Pending(settlements + other.settlements, requests + other.requests, tokens + other.tokens,
          usd + other.usd);
    }

    /** What is left once {@code written} committed; null when nothing is. */
    @Nullable Pending minus(Pending written) {
      return settlements == written.settlements ? null : new Pending(settlements - written.settlements,
          requests - written.requests, tokens - written.tokens, usd - written.usd);
    }
  }

  /** Records accepted and not yet committed: those queued, and a batch the store failed to take. */
  @Override
  public int waiting() {
    return queued.get() + unwrittenSize;
  }

  @Override
  public List<UsageRecord> find(UsageQuery query) {
    flushQuietly();
    return store.find(query);
  }

  @Override
  public List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
    flushQuietly();
    return store.totals(query, groupBy);
  }

  /** Commits everything queued before this call; throws if the store fails (the records stay queued). */
  void flush() {
    flush(false);
  }

  /**
   * Commits what is queued in batches; with {@code fullBatchesOnly}, stops once less than a full batch is queued (the
   * rest waits for its interval). Throws if the store fails (the records stay queued).
   */
  private void flush(boolean fullBatchesOnly) {
    writing.lock();
    try {
      while (true) {
        if (unwritten.isEmpty()) {
          if (fullBatchesOnly && queued.get() < MAX_BATCH) {
            return;
          }
          for (Entry e; unwritten.size() < MAX_BATCH && (e = queue.poll()) != null; ) {
            queued.decrementAndGet();
            unwritten.add(e);
          }
        }
        unwrittenSize = unwritten.size();
        if (unwritten.isEmpty()) {
          return;
        }
        write(unwritten);
        for (Entry written : unwritten) {
          for (QuotaAdjustment adjustment : written.settlements()) {
            settling.computeIfPresent(adjustment.key(), (key, p) -> p.minus(Pending.of(adjustment.delta())));
          }
        }
        unwritten.clear();
        unwrittenSize = 0;
      }
    } finally {
      writing.unlock();
    }
  }

  /** Writes {@code batch} in one transaction, or record by record when only the batch as a whole is refused. */
  private void write(List<Entry> batch) {
    try {
      store.recordAll(batch);
      return;
    } catch (RuntimeException batchFailed) {
      if (batch.size() == 1) {
        throw batchFailed;
      }
      // Is the store down (keep everything), or is one record bad (write the others)? The first record tells.
      store.record(batch.getFirst().record(), batch.getFirst().settlements());
    }
    for (Entry entry : batch.subList(1, batch.size())) {
      try {
        store.record(entry.record(), entry.settlements());
      } catch (RuntimeException e) {
        LOG.error("could not record usage of request {}: {}", entry.record().requestId(), e.toString());
      }
    }
  }

  private void flushQuietly() {
    flushQuietly(false);
  }

  private void flushQuietly(boolean fullBatchesOnly) {
    try {
      flush(fullBatchesOnly);
      if (failing) {
        failing = false;
        LOG.info("usage records are written again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn("usage records not yet written ({} waiting), trying again: {}", waiting(), e.toString());
      }
    }
  }

  /**
   * Writes everything queued once per interval; woken sooner by a filled batch (or spuriously), writes only full
   * batches, so a partial batch always waits for its interval.
   */
  private void writeEveryInterval() {
    long due = System.nanoTime() + intervalNanos;
    while (!closed) {
      LockSupport.parkNanos(this, due - System.nanoTime());
      if (closed) {
        return; // close() writes the rest
      }
      boolean intervalOver = System.nanoTime() - due >= 0;
      flushQuietly(!intervalOver);
      if (intervalOver) {
        due = System.nanoTime() + intervalNanos;
      }
    }
  }

  /** Stops the writer and commits everything still queued. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.error("{} usage record(s) could not be written at shutdown: {}", waiting(), e.toString());
    }
  }
}
