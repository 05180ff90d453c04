package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.store.testkit.QuotaPolicyStoreContract;

class InMemoryQuotaPolicyStoreTest extends QuotaPolicyStoreContract {
  @Override
  protected QuotaPolicyStore newStore() {
    return new InMemoryQuotaPolicyStore();
  }
}
