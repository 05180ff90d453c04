package io.modelgate.core.memory;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.port.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** An {@link AuditLog} in a list: nothing survives the process. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void append(AuditEvent event) {
    events.add(Objects.requireNonNull(event, "'event' must not be null"));
  }

  /** Newest by time; among events at the same instant, the last appended first. */
  @Override
  public synchronized List<AuditEvent> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("'limit' must not be negative, was " + limit);
    }
    List<AuditEvent> newestFirst = new ArrayList<>(events.reversed());
    newestFirst.sort(Comparator.comparing(AuditEvent::at).reversed());
    return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
  }
}
