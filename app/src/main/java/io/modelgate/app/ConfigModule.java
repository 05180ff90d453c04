package io.modelgate.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.modelgate.core.account.OrgAccessPolicy;
import io.modelgate.core.catalog.CatalogOptions;
import io.modelgate.core.demo.DemoDriver;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.provider.EnvironmentVariables;
import io.modelgate.core.routing.AccessPolicy;
import io.modelgate.core.routing.RoutingDefaults;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Map;

/** Configuration and policies: clock, cache TTL, the server default model, access, the provider drivers. */
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

  /** {@code MODELGATE_DEFAULT_MODEL}, with {@code AI_DEFAULT_MODEL} accepted as an alias. */
  @Provides
  @Singleton
  static RoutingDefaults routingDefaults(@EnvironmentVariables Map<String, String> env) {
    String model = env.getOrDefault("MODELGATE_DEFAULT_MODEL", env.get("AI_DEFAULT_MODEL"));
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

  @Provides
  static QuotaGuard quotaGuard() {
    return QuotaGuard.UNLIMITED;
  }

  @Provides
  @IntoSet
  static ProviderDriver demo() {
    return new DemoDriver();
  }
}
