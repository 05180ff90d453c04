package io.modelgate.core.port;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The configured provider instances, shared and user-owned, and when each was last discovered. Thread-safe. */
public interface ProviderRegistry {
  List<ProviderInstance> list();

  Optional<ProviderInstance> find(String id);

  /** Adds or replaces the instance with this id. */
  void save(ProviderInstance instance);

  boolean remove(String id);

  Optional<Instant> lastDiscovery(String id, ModelCategory category);

  void markDiscovered(String id, ModelCategory category, Instant when);
}
