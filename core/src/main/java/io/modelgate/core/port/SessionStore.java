package io.modelgate.core.port;

import io.modelgate.core.session.ConsoleSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where console sessions are kept, by id and by the hash of their token. Implementations are thread-safe. */
public interface SessionStore {
  /** Adds a session; its id and token hash are new. */
  void save(ConsoleSession session);

  /** The session whose token hashes to {@code tokenHash}, revoked or expired ones included. */
  Optional<ConsoleSession> findByTokenHash(String tokenHash);

  Optional<ConsoleSession> find(String id);

  /** A user's sessions, newest first, revoked and expired ones included. */
  List<ConsoleSession> listByUser(String userId);

  /** Marks a session revoked at {@code at}; false when there is no such session or it was revoked already. */
  boolean revoke(String id, Instant at);

  /** Removes sessions that expired before {@code before}; returns how many. */
  int deleteExpired(Instant before);
}
