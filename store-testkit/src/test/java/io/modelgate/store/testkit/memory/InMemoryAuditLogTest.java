package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.port.AuditLog;
import io.modelgate.store.testkit.AuditLogContract;

class InMemoryAuditLogTest extends AuditLogContract {
  @Override
  protected AuditLog newLog() {
    return new InMemoryAuditLog();
  }
}
