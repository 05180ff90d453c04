package io.modelgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.MutableClock;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.memory.InMemoryCatalogStore;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryMigrationStore;
import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.provider.CredentialResolver;
import io.modelgate.core.provider.ProviderConnections;
import io.modelgate.core.routing.AccessPolicy;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.core.routing.RoutingDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderHealthMonitorTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();

  /** One driver whose probe answers per instance id: "up", "slow" (never answers in time) or "broken" (throws). */
  private final ProviderDriver driver = new ProviderDriver() {
    @Override
    public Set<ProviderKind> kinds() {
      return Set.of(ProviderKind.OPENAI_COMPATIBLE);
    }

    @Override
    public ProviderConnection connect(ProviderInstance instance, Secret key) {
      return new ProviderConnection(
          () -> ModelListing.of(List.of(DiscoveredModel.of("m", ModelCategory.TEXT))),
          (m, r) -> null, null, null,
          () -> switch (instance.id()) {
            case "slow" -> {
              try {
                Thread.sleep(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              yield new HealthStatus(HealthState.HEALTHY, null, null, clock.instant());
            }
            case "broken" -> throw new IllegalStateException("probe exploded with key sk-secret-0000000000");
            default -> new HealthStatus(HealthState.HEALTHY, Duration.ofMillis(12), null, clock.instant());
          });
    }
  };

  @Test
  void probesEveryEnabledProviderAtOnceAndRoutingSkipsTheOnesThatAreDown() {
    for (String id : List.of("up", "slow", "broken", "off")) {
      registry.save(ProviderInstance.builder(id, ProviderKind.OPENAI_COMPATIBLE).enabled(!id.equals("off")).build());
    }
    ProviderConnections connections = new ProviderConnections(Set.of(driver),
        new CredentialResolver(Map.of(), new InMemoryCredentialVault(clock),
            new io.modelgate.core.memory.InMemoryProviderConfigStore()));
    InMemorySettingsStore settings = new InMemorySettingsStore();
    InMemoryCatalogStore store = new InMemoryCatalogStore();
    ProviderStates states = new ProviderStates(registry, io.modelgate.core.port.ProviderEvents.NONE, clock);
    ModelCatalog catalog = new ModelCatalog(store, registry, settings, new InMemoryMigrationStore(),
        new InMemoryAliasStore(), clock);
    new CatalogDiscovery(store, registry, connections, new InMemoryMigrationStore(), states, clock,
        CatalogOptions.DEFAULTS, io.modelgate.core.port.ProviderEvents.NONE).discover(DiscoveryRequest.ALL);
    catalog.setStatus(ModelId.parse("up:m"), ModelStatus.ENABLED);
    catalog.setStatus(ModelId.parse("slow:m"), ModelStatus.ENABLED);

    long started = System.nanoTime();
    Map<String, HealthStatus> health = new ProviderHealthMonitor(registry, connections, states, clock)
        .probeAll(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));

    assertThat(health).containsOnlyKeys("up", "slow", "broken");
    assertThat(health.get("up").state()).isEqualTo(HealthState.HEALTHY);
    assertThat(health.get("slow").state()).isEqualTo(HealthState.DOWN);
    assertThat(health.get("slow").detail()).contains("no answer within 300 ms");
    assertThat(health.get("broken").state()).isEqualTo(HealthState.DOWN);
    assertThat(health.get("broken").detail()).doesNotContain("sk-secret");
    assertThat(states.of("slow").health()).isEqualTo(HealthState.DOWN);
    assertThat(states.of("up").latency()).isEqualTo(Duration.ofMillis(12));

    ModelRouter router = new ModelRouter(catalog, states, registry, settings, new InMemoryMigrationStore(),
        new InMemoryAliasStore(), AccessPolicy.ALLOW_ALL, RoutingDefaults.NONE, new InMemoryProviderConfigStore(),
        new io.modelgate.core.routing.CircuitBreakers(io.modelgate.core.routing.FailoverSettings.DEFAULTS, states,
            clock, io.modelgate.core.port.ProviderEvents.NONE));
    assertThat(router.resolve(null, ModelCategory.TEXT, CallerContext.ANONYMOUS).servedId())
        .isEqualTo(ModelId.parse("up:m"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.resolve("slow:m", ModelCategory.TEXT,
        CallerContext.ANONYMOUS)).isInstanceOf(NoUsableModelException.class).hasMessageContaining("down");
  }
}
