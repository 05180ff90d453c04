package io.modelgate.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dagger.multibindings.Multibinds;
import io.modelgate.app.tracing.TracingModule;
import io.modelgate.core.account.OrgAccessPolicy;
import io.modelgate.core.catalog.CatalogOptions;
import io.modelgate.core.gateway.LimitingQuotaGuard;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.ProviderEvents;
import io.modelgate.core.port.TokenCounter;
import io.modelgate.core.provider.ConfiguredInstances;
import io.modelgate.core.provider.ConfiguredProviders;
import io.modelgate.core.provider.EnvironmentVariables;
import io.modelgate.core.provider.OutboundPolicy;
import io.modelgate.core.routing.AccessPolicy;
import io.modelgate.core.routing.ConfiguredAliases;
import io.modelgate.core.routing.FailoverSettings;
import io.modelgate.core.routing.RoutingDefaults;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Configuration and policies: the {@link Configuration} (every setting, read once), clock, cache TTL, the server
 * default model, the configured providers, access, quotas, the token counter, the provider drivers.
 */
@Module(includes = TracingModule.class)
public interface ConfigModule {
  @Provides
  static InstantSource clock() {
    return InstantSource.system();
  }

  @Provides
  static CatalogOptions catalogOptions() {
    return CatalogOptions.DEFAULTS;
  }

  /** Attempts, timeouts and circuit breakers of the {@link Configuration}. */
  @Provides
  static FailoverSettings failoverSettings(Configuration configuration) {
    return configuration.failover();
  }

  /** Every setting, read from the environment and {@code modelgate.yaml} and checked once, here. */
  @Provides
  @Singleton
  static Configuration configuration(@EnvironmentVariables Map<String, String> env) {
    return Configuration.load(env);
  }

  /** Which addresses providers may reach, as configured. */
  @Provides
  static OutboundPolicy outboundPolicy(Configuration configuration) {
    return configuration.outbound();
  }

  /** The optional {@code modelgate.yaml}. */
  @Provides
  static ConfigFile configFile(Configuration configuration) {
    return configuration.file();
  }

  /** The server default text model of the {@link Configuration}. */
  @Provides
  @Singleton
  static RoutingDefaults routingDefaults(Configuration configuration) {
    return RoutingDefaults.text(configuration.defaultModel() == null ? null : configuration.defaultModel().toString());
  }

  /**
   * The providers configuration names: those of {@code modelgate.yaml}, then those each driver's part of the
   * environment contract names that the file does not.
   */
  @Provides
  @Singleton
  static ConfiguredProviders configuredProviders(Configuration configuration, Set<ProviderDriver> drivers,
      @EnvironmentVariables Map<String, String> env) {
    List<ProviderInstance> instances = new ArrayList<>(configuration.file().providers());
    Set<String> named = new HashSet<>();
    instances.forEach(p -> named.add(p.id()));
    for (ProviderInstance fromEnv : ConfiguredInstances.fromEnvironment(List.copyOf(drivers), env)) {
      if (named.add(fromEnv.id())) {
        instances.add(fromEnv);
      }
    }
    return new ConfiguredProviders(instances);
  }

  /** The aliases {@code modelgate.yaml} names, saved over stored ones of the same name at start. */
  @Provides
  static ConfiguredAliases configuredAliases(Configuration configuration) {
    return new ConfiguredAliases(configuration.file().aliases());
  }

  /**
   * Who hears providers' health, circuit and discovery events: each module that wants them (metrics, alerts,
   * traces) adds itself to this set with {@code @IntoSet}; none by default.
   */
  @Multibinds
  Set<ProviderEvents> providerEventListeners();

  /** Every listener of the set, each told in turn (one that throws does not silence the others). */
  @Provides
  @Singleton
  static ProviderEvents providerEvents(Set<ProviderEvents> listeners) {
    return ProviderEvents.all(List.copyOf(listeners));
  }

  /** Org allowed-models are enforced on every hop of a route. */
  @Provides
  static AccessPolicy accessPolicy(OrgAccessPolicy policy) {
    return policy;
  }

  /** The limits in the quota policy store hold for every call, counted on the shared quota ledger. */
  @Provides
  static QuotaGuard quotaGuard(LimitingQuotaGuard guard) {
    return guard;
  }

  /** Prompt tokens are counted with jtokkit's tiktoken encodings to size reservations. */
  @Provides
  @Singleton
  static TokenCounter tokenCounter() {
    return new JtokkitTokenCounter();
  }

  /**
   * Every provider driver on the class path, found through {@link ServiceLoader} (each provider module lists its
   * driver in {@code META-INF/services}), so adding a provider module adds its protocol with no wiring change.
   */
  @Provides
  @ElementsIntoSet
  @Singleton
  static Set<ProviderDriver> drivers() {
    Set<ProviderDriver> drivers = new LinkedHashSet<>();
    for (ProviderDriver driver : ServiceLoader.load(ProviderDriver.class, ConfigModule.class.getClassLoader())) {
      drivers.add(driver);
    }
    return drivers;
  }
}
