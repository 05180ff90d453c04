package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.store.testkit.ProviderConfigStoreContract;

class InMemoryProviderConfigStoreTest extends ProviderConfigStoreContract {
  @Override
  protected ProviderConfigStore newStore() {
    return new InMemoryProviderConfigStore();
  }
}
