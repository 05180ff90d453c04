package io.modelgate.core.memory;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.port.AuditLog;
import java.util.ArrayList;
import java.util.List;

/** An {@link AuditLog} in a list: nothing survives the process. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void append(AuditEvent event) {
    events.add(event);
  }

  @Override
  public synchronized List<AuditEvent> recent(int limit) {
    List<AuditEvent> newestFirst = new ArrayList<>(events.reversed());
    return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
  }
}
