package io.modelgate.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every store contract on H2. */
class H2StoresTest extends StoreContracts {
  @RegisterExtension
  static final TestDatabase database = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return database;
  }
}
