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
import java.util.Map;

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
  private boolean started;

  @Inject
  public Application(ModelCatalog catalog, ModelRouter router, Gateway gateway, ProviderRegistry providers,
      ConfiguredInstances configured, ProviderConnections connections,
      @EnvironmentVariables Map<String, String> env) {
    this.catalog = catalog;
    this.router = router;
    this.gateway = gateway;
    this.providers = providers;
    this.configured = configured;
    this.connections = connections;
    this.env = env;
  }

  /** Registers configured instances; idempotent. */
  public synchronized Application start() {
    if (!started) {
      configured.apply(ConfiguredInstances.fromEnvironment(connections.drivers(), env));
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
