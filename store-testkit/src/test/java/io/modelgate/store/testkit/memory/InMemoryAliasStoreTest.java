package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.port.AliasStore;
import io.modelgate.store.testkit.AliasStoreContract;

class InMemoryAliasStoreTest extends AliasStoreContract {
  @Override
  protected AliasStore newStore() {
    return new InMemoryAliasStore();
  }
}
