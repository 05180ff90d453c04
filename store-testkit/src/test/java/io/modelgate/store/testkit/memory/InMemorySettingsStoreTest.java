package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.store.testkit.SettingsStoreContract;

class InMemorySettingsStoreTest extends SettingsStoreContract {
  @Override
  protected SettingsStore newStore() {
    return new InMemorySettingsStore();
  }
}
