package io.modelgate.core.account;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A person or service that calls the gateway. */
public record User(String id, String name, AccountRole role, @Nullable String orgId, Instant createdAt) {
  public User {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("'id' must not be blank");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("'name' must not be blank");
    }
    Objects.requireNonNull(role, "'role' must not be null");
    Objects.requireNonNull(createdAt, "'createdAt' must not be null");
  }
}
