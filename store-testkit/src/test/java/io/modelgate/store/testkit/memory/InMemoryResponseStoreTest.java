package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryResponseStore;
import io.modelgate.core.port.ResponseStore;
import io.modelgate.store.testkit.ResponseStoreContract;

class InMemoryResponseStoreTest extends ResponseStoreContract {
  @Override
  protected ResponseStore newStore() {
    return new InMemoryResponseStore();
  }
}
