package io.modelgate.adapter.http;

import dagger.Module;
import dagger.Provides;
import io.modelgate.core.catalog.CatalogOptions;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.provider.CredentialResolver;
import io.modelgate.core.provider.EnvironmentVariables;
import io.modelgate.core.provider.ProviderConnections;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP service's bindings beyond the shared app modules: its settings, and one instance per process of the
 * core services that keep state in memory (the catalog's provider health and listing cache, the connection
 * cache). They are not scoped in core, and a server, unlike one CLI command, injects them in many places.
 */
@Module
interface HttpModule {
  @Provides
  @Singleton
  static HttpSettings settings(@EnvironmentVariables Map<String, String> env) {
    return HttpSettings.fromEnvironment(env);
  }

  @Provides
  @Singleton
  static ModelCatalog catalog(CatalogStore store, ProviderRegistry registry, ProviderConnections connections,
      SettingsStore settings, MigrationStore migrations, AliasStore aliases, InstantSource clock,
      CatalogOptions options) {
    return new ModelCatalog(store, registry, connections, settings, migrations, aliases, clock, options);
  }

  @Provides
  @Singleton
  static ProviderConnections connections(Set<ProviderDriver> drivers, CredentialResolver credentials) {
    return new ProviderConnections(drivers, credentials);
  }
}
