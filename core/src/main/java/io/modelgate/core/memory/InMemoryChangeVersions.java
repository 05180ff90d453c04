package io.modelgate.core.memory;

import io.modelgate.core.port.ChangeVersions;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ChangeVersions} in a map: one process shares them with itself. */
public final class InMemoryChangeVersions implements ChangeVersions {
  private final Map<String, Long> versions = new ConcurrentHashMap<>();

  @Override
  public void raise(String part) {
    if (Objects.requireNonNull(part, "'part' must not be null").isBlank()) {
      throw new IllegalArgumentException("'part' must not be blank");
    }
    versions.merge(part, 1L, Long::sum);
  }

  @Override
  public Map<String, Long> read() {
    return Map.copyOf(versions);
  }
}
