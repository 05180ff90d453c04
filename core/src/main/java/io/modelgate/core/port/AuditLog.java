package io.modelgate.core.port;

import io.modelgate.core.account.AuditEvent;
import java.util.List;

/** Every admin and key action: who, what, when, before and after; never a key's value. Thread-safe. */
public interface AuditLog {
  void append(AuditEvent event);

  /** The newest {@code limit} events, newest first. */
  List<AuditEvent> recent(int limit);
}
