package io.modelgate.core.responses;

import java.time.Instant;
import java.util.Objects;

/**
 * A reply of the Responses API kept for its caller: the response as they received it ({@code body}) and the
 * conversation it ends ({@code history}: the input items and the reply's output, which a later request continues
 * with {@code previous_response_id}), both as the HTTP adapter's JSON text. Only {@code owner} may read it, and only
 * until {@code expiresAt}.
 */
public record StoredResponse(String id, String owner, Instant createdAt, Instant expiresAt, String body,
    String history) {
  public StoredResponse {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("'id' must not be blank");
    }
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("'owner' must not be blank");
    }
    Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
    Objects.requireNonNull(body, "'body' must not be null");
    Objects.requireNonNull(history, "'history' must not be null");
    if (expiresAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("'expiresAt' must not be before 'createdAt'");
    }
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
