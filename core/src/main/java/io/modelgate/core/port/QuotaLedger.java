package io.modelgate.core.port;

import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;

/**
 * Usage counters per subject and window. {@link #tryReserve} is atomic: among any number of concurrent callers,
 * across processes sharing the store, a limit is never passed. Thread-safe.
 */
public interface QuotaLedger {
  /** Adds {@code amount} to the counter only if the sum stays within {@code limit}; returns whether it did. */
  boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit);

  /** Adds {@code delta} (negative to release) to the counter unconditionally, as a settlement does. */
  void adjust(QuotaCounterKey key, QuotaAmount delta);

  /** The counter's value, zero if never touched. */
  QuotaAmount read(QuotaCounterKey key);
}
