package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.store.testkit.QuotaLedgerContract;

class InMemoryQuotaLedgerTest extends QuotaLedgerContract {
  @Override
  protected QuotaLedger newLedger() {
    return new InMemoryQuotaLedger();
  }
}
