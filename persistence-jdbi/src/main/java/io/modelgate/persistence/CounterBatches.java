package io.modelgate.persistence;

import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for quota counters: the reservations, adjustments and reads of a counter that arrive while another
 * batch is being written wait for it, then go to the database together, so a hot counter (every call of a user with
 * a requests-per-day limit lands on one row) costs one statement per batch instead of one per call, and its row lock
 * is taken once per batch instead of once per call.
 *
 * <p>Counters are spread over {@value #STRIPES} stripes by key. A caller queues its operation on its stripe; if no one
 * is applying a batch of that stripe, it takes the stripe's lock and applies everything queued there (its own
 * operation and those that queued behind it), each counter's operations in the order they were queued, through
 * {@link Applier}; otherwise it parks until its operation is done or the batch in flight is over (then it may have
 * to apply the next one itself). A caller whose operation is done wakes at once: it never waits behind a later batch.
 * Each operation is applied exactly once and answered with what applying it in that order gave. Thread-safe.
 */
final class CounterBatches {
  /** Enough that unrelated counters rarely share a lock; a stripe is two small objects. */
  private static final int STRIPES = 64;

  /** Applies one counter's operations, in order, and answers each of them; throws if none was applied. */
  interface Applier {
    void apply(QuotaCounterKey key, List<Op> ops);
  }

  private final Applier applier;
  private final Stripe[] stripes = new Stripe[STRIPES];

  CounterBatches(Applier applier) {
    this.applier = Objects.requireNonNull(applier, "'applier' must not be null");
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Applies {@code op} with whatever else is queued on its counter's stripe; rethrows what applying it threw. */
  Op run(Op op) {
    Stripe stripe = stripes[Math.floorMod(op.key.hashCode(), STRIPES)];
    op.waiter = Thread.currentThread();
    stripe.queued.add(op);
    while (!op.done) {
      if (stripe.lock.tryLock()) {
        try {
          if (!op.done) {
            applyQueued(stripe);
          }
        } finally {
          stripe.lock.unlock();
        }
        // Whoever queued after the batch was taken applies the next one; every unlock is followed by this look, so
        // an operation queued while the lock was held is never left waiting.
        Op next = stripe.queued.peek();
        if (next != null) {
          LockSupport.unpark(next.waiter);
        }
      } else {
        LockSupport.park(this);
      }
    }
    if (op.failure != null) {
      throw op.failure;
    }
    return op;
  }

  /** Takes every operation queued on {@code stripe} (the caller holds its lock) and applies them counter by counter. */
  private void applyQueued(Stripe stripe) {
    Map<QuotaCounterKey, List<Op>> byCounter = new LinkedHashMap<>();
    for (Op queued; (queued = stripe.queued.poll()) != null; ) {
      byCounter.computeIfAbsent(queued.key, k -> new ArrayList<>()).add(queued);
    }
    for (Map.Entry<QuotaCounterKey, List<Op>> counter : byCounter.entrySet()) {
      try {
        applier.apply(counter.getKey(), counter.getValue());
      } catch (Throwable e) { // every waiter hears of it, not just the one that happened to apply the batch
        RuntimeException failure = e instanceof RuntimeException r ? r
            : new IllegalStateException("applying the operations on quota counter " + counter.getKey() + " failed", e);
        for (Op op : counter.getValue()) {
          op.failure = failure;
        }
      } finally {
        for (Op op : counter.getValue()) {
          op.done = true;
          LockSupport.unpark(op.waiter);
        }
      }
    }
  }

  private static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    final ConcurrentLinkedQueue<Op> queued = new ConcurrentLinkedQueue<>();
  }

  /** What an operation does to its counter. */
  enum Kind {
    /** Adds the amount if the sum stays within the limit ({@link Op#granted} says whether it did). */
    RESERVE,
    /** Adds the amount whatever the limit. */
    ADJUST,
    /** Reads the counter ({@link Op#value}). */
    READ
  }

  /**
   * One call's operation on a counter and, once applied, its answer. The answer fields are written by the thread
   * that applies it before it marks the operation done, and read by the caller after it saw it done.
   */
  static final class Op {
    final Kind kind;
    final QuotaCounterKey key;
    final QuotaAmount amount;
    final QuotaLimit limit;
    /** For {@link Kind#RESERVE}: whether the amount was added. */
    boolean granted;
    /** For {@link Kind#READ}: the counter's value (zero if it was never touched). */
    QuotaAmount value = QuotaAmount.ZERO;
    private volatile boolean done;
    private @Nullable RuntimeException failure;
    private @Nullable Thread waiter;

    private Op(Kind kind, QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
      this.kind = kind;
      this.key = Objects.requireNonNull(key, "'key' must not be null");
      this.amount = Objects.requireNonNull(amount, "'amount' must not be null");
      this.limit = Objects.requireNonNull(limit, "'limit' must not be null");
    }

    static Op reserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
      return new Op(Kind.RESERVE, key, amount, limit);
    }

    static Op adjust(QuotaCounterKey key, QuotaAmount delta) {
      return new Op(Kind.ADJUST, key, delta, QuotaLimit.UNLIMITED);
    }

    static Op read(QuotaCounterKey key) {
      return new Op(Kind.READ, key, QuotaAmount.ZERO, QuotaLimit.UNLIMITED);
    }
  }
}
