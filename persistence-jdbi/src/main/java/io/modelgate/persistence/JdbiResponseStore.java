package io.modelgate.persistence;

import io.modelgate.core.port.ResponseStore;
import io.modelgate.core.responses.StoredResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** The Responses API's kept replies in {@code stored_response}, keyed by id. */
final class JdbiResponseStore implements ResponseStore {
  private final Jdbi jdbi;

  JdbiResponseStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void save(StoredResponse response) {
    Objects.requireNonNull(response, "'response' must not be null");
    Transactions.upsert(jdbi,
        h -> bind(h.createUpdate("UPDATE stored_response SET owner = :owner, created_at = :created_at, "
            + "expires_at = :expires_at, body = :body, history = :history WHERE id = :id"), response).execute(),
        h -> bind(h.createUpdate("INSERT INTO stored_response (id, owner, created_at, expires_at, body, history) "
            + "VALUES (:id, :owner, :created_at, :expires_at, :body, :history)"), response).execute());
  }

  @Override
  public Optional<StoredResponse> find(String id, String owner, Instant now) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM stored_response WHERE id = :id AND owner = :owner "
            + "AND expires_at > :now")
        .bind("id", id).bind("owner", owner).bind("now", now.toEpochMilli()).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public boolean delete(String id, String owner) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM stored_response WHERE id = :id AND owner = :owner")
        .bind("id", id).bind("owner", owner).execute()) > 0;
  }

  @Override
  public int deleteExpired(Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM stored_response WHERE expires_at <= :now")
        .bind("now", now.toEpochMilli()).execute());
  }

  private static <S extends SqlStatement<S>> S bind(S s, StoredResponse r) {
    return s.bind("id", r.id()).bind("owner", r.owner()).bind("created_at", r.createdAt().toEpochMilli())
        .bind("expires_at", r.expiresAt().toEpochMilli()).bind("body", r.body()).bind("history", r.history());
  }

  private static StoredResponse read(ResultSet rs) throws SQLException {
    return new StoredResponse(rs.getString("id"), rs.getString("owner"),
        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
        rs.getString("body"), rs.getString("history"));
  }
}
