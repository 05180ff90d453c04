package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.store.testkit.UsageLogContract;

class InMemoryUsageLogTest extends UsageLogContract {
  @Override
  protected Fixture newFixture() {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    return new Fixture(new InMemoryUsageLog(ledger), ledger);
  }
}
