package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryChangeVersions;
import io.modelgate.core.port.ChangeVersions;
import io.modelgate.store.testkit.ChangeVersionsContract;

class InMemoryChangeVersionsTest extends ChangeVersionsContract {
  @Override
  protected ChangeVersions newVersions() {
    return new InMemoryChangeVersions();
  }
}
