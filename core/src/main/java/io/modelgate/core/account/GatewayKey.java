package io.modelgate.core.account;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A caller's gateway API key as stored: its visible prefix and a hash of the whole key, never the key itself.
 */
public record GatewayKey(
    String prefix, String hash, String userId, @Nullable String name, Instant createdAt,
    @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
  public GatewayKey {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("'prefix' must not be blank");
    }
    if (hash == null || hash.isBlank()) {
      throw new IllegalArgumentException("'hash' must not be blank");
    }
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("'userId' must not be blank");
    }
    Objects.requireNonNull(createdAt, "'createdAt' must not be null");
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
