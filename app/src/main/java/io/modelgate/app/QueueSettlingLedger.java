package io.modelgate.app;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota ledger beside a {@link GroupCommitUsageLog}: before it reserves on a counter, or reads one, it has the
 * queued usage records committed if any of them still counts on that counter. Counters without a limit count calls
 * with their records, off the request path; so when a limit is set on a subject that had none, its next call still
 * meets every call already served on this replica (calls served on another replica reach the counter within that
 * replica's flush interval). Counters with a limit hold queued counts only of what their limit does not bound (a
 * requests-per-day counter's tokens and cost), which cannot change whether a reservation fits, so a reservation on
 * them costs no flush.
 * Thread-safe.
 */
final class QueueSettlingLedger implements QuotaLedger {
  private static final Logger LOG = LoggerFactory.getLogger(QueueSettlingLedger.class);

  private final QuotaLedger ledger;
  private final GroupCommitUsageLog usage;

  QueueSettlingLedger(QuotaLedger ledger, GroupCommitUsageLog usage) {
    this.ledger = Objects.requireNonNull(ledger, "'ledger' must not be null");
    this.usage = Objects.requireNonNull(usage, "'usage' must not be null");
  }

  @Override
  public boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    settle(key, usage.settling(key, limit));
    return ledger.tryReserve(key, amount, limit);
  }

  @Override
  public void adjust(QuotaCounterKey key, QuotaAmount delta) {
    ledger.adjust(key, delta);
  }

  @Override
  public QuotaAmount read(QuotaCounterKey key) {
    settle(key, usage.settling(key));
    return ledger.read(key);
  }

  private void settle(QuotaCounterKey key, boolean settling) {
    if (settling) {
      try {
        usage.flush();
      } catch (RuntimeException e) {
        LOG.warn("usage records counting on {} are still queued: {}", key, e.toString());
      }
    }
  }
}
