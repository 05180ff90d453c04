package io.modelgate.app.redis;

import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.store.testkit.QuotaLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger contract on minute counters, which all live in Redis. */
class RedisMinuteLedgerTest extends QuotaLedgerContract {
  @RegisterExtension
  static final LocalRedis redis = new LocalRedis();

  @Override
  protected QuotaWindow window() {
    return QuotaWindow.MINUTE;
  }

  @Override
  protected QuotaLedger newLedger() {
    return redis.fresh().ledger(new InMemoryQuotaLedger());
  }
}
