package io.modelgate.core.memory;

import io.modelgate.core.port.ResponseStore;
import io.modelgate.core.responses.StoredResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ResponseStore} in a map: nothing survives the process. */
public final class InMemoryResponseStore implements ResponseStore {
  private final ConcurrentMap<String, StoredResponse> responses = new ConcurrentHashMap<>();

  @Override
  public void save(StoredResponse response) {
    responses.put(Objects.requireNonNull(response, "'response' must not be null").id(), response);
  }

  @Override
  public Optional<StoredResponse> find(String id, String owner, Instant now) {
    return Optional.ofNullable(responses.get(id)).filter(r -> r.owner().equals(owner) && !r.expiredAt(now));
  }

  @Override
  public boolean delete(String id, String owner) {
    StoredResponse found = responses.get(id);
    return found != null && found.owner().equals(owner) && responses.remove(id, found);
  }

  @Override
  public int deleteExpired(Instant now) {
    int before = responses.size();
    responses.values().removeIf(r -> r.expiredAt(now));
    return before - responses.size();
  }
}
