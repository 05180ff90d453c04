package io.modelgate.core.memory;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ProviderRegistry} in a map: nothing survives the process. */
public final class InMemoryProviderRegistry implements ProviderRegistry {
  private final ConcurrentMap<String, ProviderInstance> instances = new ConcurrentHashMap<>();
  private final ConcurrentMap<Discovery, Instant> discoveries = new ConcurrentHashMap<>();

  private record Discovery(String id, ModelCategory category) {
    Discovery {
      Objects.requireNonNull(id, "'id' must not be null");
      Objects.requireNonNull(category, "'category' must not be null");
    }
  }

  @Override
  public List<ProviderInstance> list() {
    return instances.values().stream().sorted(Comparator.comparing(ProviderInstance::id)).toList();
  }

  @Override
  public Optional<ProviderInstance> find(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  @Override
  public void save(ProviderInstance instance) {
    instances.put(Objects.requireNonNull(instance, "'instance' must not be null").id(), instance);
  }

  @Override
  public boolean remove(String id) {
    discoveries.keySet().removeIf(k -> k.id().equals(id));
    return instances.remove(id) != null;
  }

  @Override
  public Optional<Instant> lastDiscovery(String id, ModelCategory category) {
    return Optional.ofNullable(discoveries.get(new Discovery(id, category)));
  }

  @Override
  public void markDiscovered(String id, ModelCategory category, Instant when) {
    discoveries.put(new Discovery(id, category), Objects.requireNonNull(when, "'when' must not be null"));
  }
}
