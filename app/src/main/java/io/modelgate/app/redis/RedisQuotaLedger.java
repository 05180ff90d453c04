package io.modelgate.app.redis;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaWindow;
import java.util.Objects;

/**
 * Minute counters ({@code rpm}, {@code tpm}) in Redis, every other window in the database ledger: the counters hit
 * on every call move off the database, while the day and month counters, which budgets and usage reports are
 * reconciled against, stay beside the usage log. Thread-safe.
 */
final class RedisQuotaLedger implements QuotaLedger {
  private final RedisCounters minutes;
  private final QuotaLedger database;

  RedisQuotaLedger(RedisCounters minutes, QuotaLedger database) {
    this.minutes = Objects.requireNonNull(minutes, "'minutes' must not be null");
    this.database = Objects.requireNonNull(database, "'database' must not be null");
  }

  /** Whether {@code key} is counted in Redis. */
  static boolean inRedis(QuotaCounterKey key) {
    return key.window() == QuotaWindow.MINUTE;
  }

  @Override
  public boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    return ledgerOf(key).tryReserve(key, amount, limit);
  }

  @Override
  public void adjust(QuotaCounterKey key, QuotaAmount delta) {
    ledgerOf(key).adjust(key, delta);
  }

  @Override
  public QuotaAmount read(QuotaCounterKey key) {
    return ledgerOf(key).read(key);
  }

  private QuotaLedger ledgerOf(QuotaCounterKey key) {
    return inRedis(Objects.requireNonNull(key, "'key' must not be null")) ? minutes : database;
  }
}
