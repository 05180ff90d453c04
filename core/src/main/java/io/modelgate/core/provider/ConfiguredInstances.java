package io.modelgate.core.provider;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the registry in line with configuration at start-up: configured instances are saved (keeping the default
 * models an admin set at run time for the categories configuration does not name), and instances that configuration
 * added before but no longer names are switched off, not deleted, so their catalog entries and history stay.
 */
public final class ConfiguredInstances {
  /** The option that marks an instance as coming from configuration rather than the admin API. */
  public static final String ORIGIN_OPTION = ProviderInstance.ORIGIN_OPTION;

  private final ProviderRegistry registry;

  @Inject
  public ConfiguredInstances(ProviderRegistry registry) {
    this.registry = registry;
  }

  /** The instances every driver's part of the environment contract configures, in driver order. */
  public static List<ProviderInstance> fromEnvironment(List<ProviderDriver> drivers, Map<String, String> env) {
    List<ProviderInstance> all = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ProviderDriver driver : drivers) {
      for (ProviderInstance instance : driver.fromEnvironment(env)) {
        if (!ids.add(instance.id())) {
          throw new IllegalArgumentException("two configured provider instances are named '" + instance.id() + "'");
        }
        all.add(instance);
      }
    }
    return all;
  }

  /** Saves {@code configured} into the registry; returns the instances as saved. */
  public List<ProviderInstance> apply(List<ProviderInstance> configured) {
    Set<String> named = new HashSet<>();
    List<ProviderInstance> saved = new ArrayList<>();
    for (ProviderInstance instance : configured) {
      named.add(instance.id());
      Map<String, String> options = new HashMap<>(instance.options());
      options.put(ORIGIN_OPTION, ProviderInstance.CONFIGURED);
      ProviderInstance.Builder b = instance.newBuilder().options(options);
      Optional<ProviderInstance> stored = registry.find(instance.id());
      stored.ifPresent(existing -> {
        for (Map.Entry<ModelCategory, String> d : existing.defaultModels().entrySet()) {
          if (!instance.defaultModels().containsKey(d.getKey())) {
            b.defaultModel(d.getKey(), d.getValue());
          }
        }
      });
      ProviderInstance merged = b.build();
      // A restart with the same configuration writes nothing: each save is a transaction before the service is
      // ready, and raises the providers' change version, making every replica reload them.
      if (!stored.equals(Optional.of(merged))) {
        registry.save(merged);
      }
      saved.add(merged);
    }
    for (ProviderInstance existing : registry.list()) {
      if (!named.contains(existing.id()) && existing.configured()
          && existing.enabled()) {
        registry.save(existing.newBuilder().enabled(false).build());
      }
    }
    return saved;
  }
}
