package io.modelgate.core.responses;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.port.ResponseStore;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Keeps the Responses API's replies for their callers: each for the retention the service is configured with, for
 * its owner alone (another caller asking for it learns nothing, not even that it exists), expired ones dropped as
 * new ones are kept. Thread-safe.
 */
public final class ResponseHistory {
  private final ResponseStore store;
  private final InstantSource clock;

  @Inject
  public ResponseHistory(ResponseStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Keeps a reply for {@code caller} for {@code retention}. */
  public StoredResponse keep(String id, CallerContext caller, String body, String history, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("'retention' must be positive, was " + retention);
    }
    Instant now = clock.instant();
    StoredResponse kept = new StoredResponse(id, owner(caller), now, now.plus(retention), body, history);
    store.deleteExpired(now);
    store.save(kept);
    return kept;
  }

  /** The caller's kept reply {@code id}, while it lasts. */
  public Optional<StoredResponse> find(String id, CallerContext caller) {
    return store.find(id, owner(caller), clock.instant());
  }

  /** Deletes the caller's kept reply {@code id}; whether there was one. */
  public boolean delete(String id, CallerContext caller) {
    return store.delete(id, owner(caller));
  }

  private static String owner(CallerContext caller) {
    String principal = caller.principal();
    if (principal == null) {
      throw new InvalidRequestException("only a caller with a gateway key can keep responses", "store");
    }
    return principal;
  }
}
