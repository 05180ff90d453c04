package io.modelgate.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every store contract on Postgres. */
class PostgresStoresTest extends StoreContracts {
  @RegisterExtension
  static final TestDatabase database = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return database;
  }
}
