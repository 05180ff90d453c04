package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.store.testkit.ProviderRegistryContract;

class InMemoryProviderRegistryTest extends ProviderRegistryContract {
  @Override
  protected ProviderRegistry newRegistry() {
    return new InMemoryProviderRegistry();
  }
}
