package io.modelgate.app;

import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.provider.ConfiguredInstances;
import io.modelgate.core.provider.EnvironmentVariables;
import io.modelgate.core.provider.ProviderConnections;
import io.modelgate.core.routing.ModelRouter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core services as the CLI uses them, with configuration applied: the instances the environment contract
 * names are registered, and a provider whose models were never listed is discovered once on first use.
 */
@Singleton
public final class Application {
  private final ModelCatalog catalog;
  private final ModelRouter router;
  private final Gateway gateway;
  private final ProviderRegistry providers;
  private final ConfiguredInstances configured;
  private final ProviderConnections connections;
  private final Map<String, String> env;
  private final ConfigFile config;
  private boolean started;

  @Inject
  public Application(ModelCatalog catalog, ModelRouter router, Gateway gateway, ProviderRegistry providers,
      ConfiguredInstances configured, ProviderConnections connections,
      @EnvironmentVariables Map<String, String> env, ConfigFile config) {
    this.catalog = catalog;
    this.router = router;
    this.gateway = gateway;
    this.providers = providers;
    this.configured = configured;
    this.connections = connections;
    this.env = env;
    this.config = config;
  }

  /**
   * Registers the configured instances — those of {@code modelgate.yaml}, then those the environment contract
   * names that the file does not — and switches off instances configuration no longer names; idempotent.
   */
  public synchronized Application start() {
    if (!started) {
      List<ProviderInstance> instances = new ArrayList<>(config.providers());
      Set<String> named = new HashSet<>();
      config.providers().forEach(p -> named.add(p.id()));
      for (ProviderInstance fromEnv : ConfiguredInstances.fromEnvironment(connections.drivers(), env)) {
        if (named.add(fromEnv.id())) {
          instances.add(fromEnv);
        }
      }
      for (ProviderInstance instance : instances) {
        if (!connections.supports(instance.kind())) {
          throw new IllegalArgumentException("provider '" + instance.id() + "' is of kind '"
              + instance.kind().wireName() + "', for which no provider module is installed");
        }
      }
      configured.apply(instances);
      started = true;
    }
    return this;
  }

  /** Discovers each enabled provider that has no model in the catalog yet (failures are reported, not thrown). */
  public Application ensureDiscovered() {
    start();
    for (ProviderInstance instance : providers.list()) {
      if (instance.enabled()
          && catalog.list(new ModelFilter(instance.id(), null, null, null, null)).isEmpty()
          && !catalog.timeLeft(instance, null).isPositive()) {
        catalog.discover(new DiscoveryRequest(instance.id(), null, false));
      }
    }
    return this;
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  public ModelRouter router() {
    return router;
  }

  public Gateway gateway() {
    return gateway;
  }

  public ProviderRegistry providers() {
    return providers;
  }
}
