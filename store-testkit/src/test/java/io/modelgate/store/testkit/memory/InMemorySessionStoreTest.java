package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemorySessionStore;
import io.modelgate.core.port.SessionStore;
import io.modelgate.store.testkit.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {
  @Override
  protected SessionStore newStore() {
    return new InMemorySessionStore();
  }
}
