package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.store.testkit.QuotaGuardContract;

class InMemoryQuotaGuardTest extends QuotaGuardContract {
  @Override
  protected Fixture newFixture() {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    return new Fixture(ledger, new InMemoryQuotaPolicyStore(), new InMemoryUsageLog(ledger));
  }
}
