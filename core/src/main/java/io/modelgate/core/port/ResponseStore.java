package io.modelgate.core.port;

import io.modelgate.core.responses.StoredResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * The Responses API's kept replies, each readable by its owner alone. A reply past its expiry is never found and
 * is dropped by {@link #deleteExpired}. Thread-safe.
 */
public interface ResponseStore {
  /** Keeps {@code response}; an id already kept is replaced. */
  void save(StoredResponse response);

  /** The reply {@code id} if {@code owner} owns it and it has not expired at {@code now}. */
  Optional<StoredResponse> find(String id, String owner, Instant now);

  /** Deletes the reply {@code id} if {@code owner} owns it; whether there was one. */
  boolean delete(String id, String owner);

  /** Deletes every reply expired at {@code now}; how many. */
  int deleteExpired(Instant now);
}
