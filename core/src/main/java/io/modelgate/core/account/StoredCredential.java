package io.modelgate.core.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A provider key as listed: its id (a positive number, safe in JSON and Swift's {@code Int}), whose, for which
 * instance, its friendly name ({@code "My OpenAI Key"}, optional), masked ({@code sk-****xyz123}), and when it was
 * stored and last used. Never the value.
 */
public record StoredCredential(
    long id, String owner, String instance, @Nullable String name, String masked, Instant createdAt,
    @Nullable Instant lastUsedAt) {
  /** The largest id: ids stay exact as JSON numbers read by JavaScript (2^53 - 1). */
  public static final long MAX_ID = (1L << 53) - 1;

  public StoredCredential {
    if (id <= 0 || id > MAX_ID) {
      throw new IllegalArgumentException("'id' must be between 1 and 2^53-1, was " + id);
    }
    if (name != null && (name.isBlank() || name.length() > 100)) {
      throw new IllegalArgumentException("'key_name' must be 1-100 characters");
    }
  }

  public StoredCredential usedAt(Instant at) {
    return new StoredCredential(id, owner, instance, name, masked, createdAt, at);
  }

  /** A fresh random id. */
  public static long newId(java.util.random.RandomGenerator random) {
    return 1 + random.nextLong(MAX_ID);
  }
}
