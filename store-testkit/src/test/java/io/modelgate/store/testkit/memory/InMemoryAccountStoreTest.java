package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.port.AccountStore;
import io.modelgate.store.testkit.AccountStoreContract;

class InMemoryAccountStoreTest extends AccountStoreContract {
  @Override
  protected AccountStore newStore() {
    return new InMemoryAccountStore();
  }
}
