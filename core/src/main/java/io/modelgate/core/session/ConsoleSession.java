package io.modelgate.core.session;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A browser's signed-in session: its public id (shown in lists, used to revoke it), the SHA-256 of the token the
 * browser holds in its cookie (the token itself is never stored), the user and the gateway key that signed in, when
 * it started and when it ends, and when it was revoked, if it was.
 */
public record ConsoleSession(
    String id,
    String tokenHash,
    String userId,
    String keyPrefix,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Instant revokedAt,
    @Nullable String userAgent) {

  public ConsoleSession {
    requireText(id, "id");
    requireText(tokenHash, "tokenHash");
    requireText(userId, "userId");
    requireText(keyPrefix, "keyPrefix");
    Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("'expiresAt' must be after 'createdAt'");
    }
    if (userAgent != null && userAgent.length() > 256) {
      userAgent = userAgent.substring(0, 256);
    }
  }

  /** Whether the session still signs its browser in at {@code now}. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  public ConsoleSession revoked(Instant at) {
    return new ConsoleSession(id, tokenHash, userId, keyPrefix, createdAt, expiresAt, at, userAgent);
  }

  private static void requireText(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + name + "' must not be blank");
    }
  }
}
