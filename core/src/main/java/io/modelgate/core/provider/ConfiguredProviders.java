package io.modelgate.core.provider;

import io.modelgate.core.model.ProviderInstance;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The provider instances configuration names, in order (the configuration file's, then the environment's), which
 * {@link io.modelgate.core.Modelgate#start} registers; ids are unique.
 */
public record ConfiguredProviders(List<ProviderInstance> instances) {
  public static final ConfiguredProviders NONE = new ConfiguredProviders(List.of());

  public ConfiguredProviders {
    instances = List.copyOf(instances);
    Set<String> ids = new HashSet<>();
    for (ProviderInstance instance : instances) {
      if (!ids.add(instance.id())) {
        throw new IllegalArgumentException("two configured providers are named '" + instance.id() + "'");
      }
    }
  }
}
