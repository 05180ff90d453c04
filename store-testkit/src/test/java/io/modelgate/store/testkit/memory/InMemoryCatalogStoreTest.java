package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryCatalogStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.store.testkit.CatalogStoreContract;

class InMemoryCatalogStoreTest extends CatalogStoreContract {
  @Override
  protected CatalogStore newStore() {
    return new InMemoryCatalogStore();
  }
}
