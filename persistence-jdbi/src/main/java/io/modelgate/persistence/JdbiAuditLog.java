package io.modelgate.persistence;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.port.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** Admin and key actions in {@code audit_event}: who, what, target, and the state before and after as JSON text. */
final class JdbiAuditLog implements AuditLog {
  private final Jdbi jdbi;

  JdbiAuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void append(AuditEvent event) {
    Objects.requireNonNull(event, "'event' must not be null");
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_event (at_ms, actor, action, target, before_state, "
            + "after_state) VALUES (:at, :actor, :action, :target, :before, :after)")
        .bind("at", event.at().toEpochMilli()).bind("actor", event.actor()).bind("action", event.action())
        .bind("target", event.target()).bind("before", event.before()).bind("after", event.after()).execute());
  }

  @Override
  public List<AuditEvent> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("'limit' must not be negative, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT at_ms, actor, action, target, before_state, after_state "
            + "FROM audit_event ORDER BY at_ms DESC, id DESC LIMIT :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> new AuditEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6)))
        .list());
  }
}
