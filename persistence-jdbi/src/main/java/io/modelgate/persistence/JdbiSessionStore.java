package io.modelgate.persistence;

import io.modelgate.core.port.SessionStore;
import io.modelgate.core.session.ConsoleSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Console sessions in {@code console_session}; the token itself is never stored, only its hash. */
final class JdbiSessionStore implements SessionStore {
  private static final String SELECT = "SELECT id, token_hash, user_id, key_prefix, created_at, expires_at, "
      + "revoked_at, user_agent FROM console_session ";

  private final Jdbi jdbi;

  JdbiSessionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void save(ConsoleSession s) {
    Objects.requireNonNull(s, "'session' must not be null");
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO console_session (id, token_hash, user_id, key_prefix, "
            + "created_at, expires_at, revoked_at, user_agent) VALUES (:id, :hash, :user, :key, :created, :expires, "
            + ":revoked, :agent)")
        .bind("id", s.id()).bind("hash", s.tokenHash()).bind("user", s.userId()).bind("key", s.keyPrefix())
        .bind("created", s.createdAt().toEpochMilli()).bind("expires", s.expiresAt().toEpochMilli())
        .bind("revoked", Rows.millis(s.revokedAt())).bind("agent", s.userAgent()).execute());
  }

  @Override
  public Optional<ConsoleSession> findByTokenHash(String tokenHash) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE token_hash = :hash").bind("hash", tokenHash)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public Optional<ConsoleSession> find(String id) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public List<ConsoleSession> listByUser(String userId) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE user_id = :user ORDER BY created_at DESC, id")
        .bind("user", userId).map((rs, ctx) -> read(rs)).list());
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE console_session SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
        .bind("at", at.toEpochMilli()).bind("id", id).execute()) > 0;
  }

  @Override
  public int deleteExpired(Instant before) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM console_session WHERE expires_at < :before")
        .bind("before", before.toEpochMilli()).execute());
  }

  private static ConsoleSession read(ResultSet rs) throws SQLException {
    return new ConsoleSession(rs.getString("id"), rs.getString("token_hash"), rs.getString("user_id"),
        rs.getString("key_prefix"), Rows.requiredInstant(rs, "created_at"), Rows.requiredInstant(rs, "expires_at"),
        Rows.instant(rs, "revoked_at"), rs.getString("user_agent"));
  }
}
