package io.modelgate.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every store contract on Sqlite. */
class SqliteStoresTest extends StoreContracts {
  @RegisterExtension
  static final TestDatabase database = TestDatabase.sqlite();

  @Override
  TestDatabase database() {
    return database;
  }
}
