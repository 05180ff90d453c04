package io.modelgate.core.memory;

import io.modelgate.core.port.SessionStore;
import io.modelgate.core.session.ConsoleSession;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link SessionStore} in a map: nothing survives the process. */
public final class InMemorySessionStore implements SessionStore {
  private final ConcurrentMap<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void save(ConsoleSession session) {
    Objects.requireNonNull(session, "'session' must not be null");
    if (sessions.putIfAbsent(session.id(), session) != null) {
      throw new IllegalStateException("session " + session.id() + " exists already");
    }
  }

  @Override
  public Optional<ConsoleSession> findByTokenHash(String tokenHash) {
    return sessions.values().stream().filter(s -> s.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public Optional<ConsoleSession> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public List<ConsoleSession> listByUser(String userId) {
    return sessions.values().stream().filter(s -> s.userId().equals(userId))
        .sorted(Comparator.comparing(ConsoleSession::createdAt).reversed().thenComparing(ConsoleSession::id))
        .toList();
  }

  @Override
  public boolean revoke(String id, Instant at) {
    AtomicBoolean changed = new AtomicBoolean();
    sessions.computeIfPresent(id, (k, s) -> {
      if (s.revokedAt() != null) {
        return s;
      }
      changed.set(true);
      return s.revoked(at);
    });
    return changed.get();
  }

  @Override
  public int deleteExpired(Instant before) {
    int[] n = {0};
    sessions.values().removeIf(s -> {
      boolean old = s.expiresAt().isBefore(before);
      if (old) {
        n[0]++;
      }
      return old;
    });
    return n[0];
  }
}
