package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryMigrationStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.store.testkit.MigrationStoreContract;

class InMemoryMigrationStoreTest extends MigrationStoreContract {
  @Override
  protected MigrationStore newStore() {
    return new InMemoryMigrationStore();
  }
}
