package io.modelgate.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import io.modelgate.core.account.OrgAccessPolicy;
import io.modelgate.core.catalog.CatalogOptions;
import io.modelgate.core.gateway.LimitingQuotaGuard;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.TokenCounter;
import io.modelgate.core.provider.EnvironmentVariables;
import io.modelgate.core.routing.AccessPolicy;
import io.modelgate.core.routing.RoutingDefaults;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Configuration and policies: clock, cache TTL, the server default model, access, quotas, the token counter, the
 * provider drivers.
 */
@Module
public interface ConfigModule {
  @Provides
  static InstantSource clock() {
    return InstantSource.system();
  }

  @Provides
  static CatalogOptions catalogOptions() {
    return CatalogOptions.DEFAULTS;
  }

  /** The optional {@code modelgate.yaml}. */
  @Provides
  @Singleton
  static ConfigFile configFile(@EnvironmentVariables Map<String, String> env) {
    return ConfigFile.load(env);
  }

  /**
   * {@code MODELGATE_DEFAULT_MODEL} (with {@code AI_DEFAULT_MODEL} accepted as an alias), else the config file's
   * {@code default_model}.
   */
  @Provides
  @Singleton
  static RoutingDefaults routingDefaults(@EnvironmentVariables Map<String, String> env, ConfigFile config) {
    String model = env.getOrDefault("MODELGATE_DEFAULT_MODEL", env.get("AI_DEFAULT_MODEL"));
    if ((model == null || model.isBlank()) && config.defaultModel() != null) {
      model = config.defaultModel().toString();
    }
    try {
      return RoutingDefaults.text(model);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MODELGATE_DEFAULT_MODEL: " + e.getMessage(), e);
    }
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
