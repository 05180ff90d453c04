package io.modelgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.FakeProvider;
import io.modelgate.core.MutableClock;
import io.modelgate.core.catalog.CatalogOptions;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryCatalogStore;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryMigrationStore;
import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.provider.CredentialResolver;
import io.modelgate.core.provider.ProviderConnections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogChangeFeedTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
  private final FakeProvider provider = new FakeProvider();
  private final InMemoryCatalogStore store = new InMemoryCatalogStore();
  private final ModelCatalog catalog = new ModelCatalog(store, registry, new InMemorySettingsStore(),
      new InMemoryMigrationStore(), new InMemoryAliasStore(), clock);
  private final io.modelgate.core.catalog.ProviderStates states =
      new io.modelgate.core.catalog.ProviderStates(registry, io.modelgate.core.port.ProviderEvents.NONE, clock);
  private final io.modelgate.core.catalog.CatalogDiscovery discovery = new io.modelgate.core.catalog.CatalogDiscovery(
      store, registry, new ProviderConnections(Set.of(provider), new CredentialResolver(Map.of(),
          new InMemoryCredentialVault(clock), new InMemoryProviderConfigStore())),
      new InMemoryMigrationStore(), states, clock, CatalogOptions.DEFAULTS,
      io.modelgate.core.port.ProviderEvents.NONE);
  private final CatalogChangeFeed feed = new CatalogChangeFeed(catalog, states, registry, clock);

  private List<String> look() {
    clock.advance(CatalogChangeFeed.MIN_INTERVAL);
    return feed.poll().stream().map(e -> e.type().wireName() + " " + (e.model() == null ? e.provider() : e.model())
        + " " + e.before() + "->" + e.after()).toList();
  }

  @Test
  void theFirstLookIsTheBaselineAndLaterLooksReportWhatChanged() {
    registry.save(FakeProvider.instance("fake"));
    provider.lists("a");
    discovery.discover(DiscoveryRequest.ALL);
    assertThat(feed.lastId()).isZero();

    provider.lists("a", "b");
    discovery.discover(new DiscoveryRequest(null, null, true));
    catalog.setStatus(ModelId.parse("fake:a"), ModelStatus.ENABLED);
    catalog.setProviderDefault("fake", ModelCategory.TEXT, ModelId.parse("fake:a"));
    states.record(new ProviderState("fake", HealthState.DOWN, clock.instant(), null, "refused"));
    assertThat(look()).containsExactlyInAnyOrder(
        "model.added fake:b null->pending",
        "model.status fake:a pending->enabled",
        "model.default fake:a null->fake:a",
        "provider.health fake healthy->down");
    assertThat(look()).isEmpty();
  }

  @Test
  void aClientResumesAfterTheLastIdItSawAndLearnsWhenThatIsTooOld() {
    registry.save(FakeProvider.instance("fake"));
    provider.lists("a", "b");
    discovery.discover(DiscoveryRequest.ALL);
    long start = feed.lastId();
    catalog.setStatus(ModelId.parse("fake:a"), ModelStatus.ENABLED);
    look();
    catalog.setStatus(ModelId.parse("fake:b"), ModelStatus.ENABLED);
    look();
    List<CatalogEvent> all = feed.since(start);
    assertThat(all).hasSize(2);
    assertThat(feed.since(all.get(0).id())).containsExactly(all.get(1));
    assertThat(feed.since(all.get(1).id())).isEmpty();
    assertThat(feed.tooOld(start)).isFalse();
    assertThat(feed.tooOld(all.get(1).id() + 50)).as("an id this process never gave").isTrue();
  }

  @Test
  void looksAtMostOncePerInterval() {
    registry.save(FakeProvider.instance("fake"));
    provider.lists("a");
    discovery.discover(DiscoveryRequest.ALL);
    feed.lastId();
    catalog.setStatus(ModelId.parse("fake:a"), ModelStatus.ENABLED);
    assertThat(feed.poll()).as("too soon after the baseline").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(feed.poll()).hasSize(1);
  }

  @Test
  void awaitReturnsTheEventsThatArrived() throws InterruptedException {
    registry.save(FakeProvider.instance("fake"));
    provider.lists("a");
    discovery.discover(DiscoveryRequest.ALL);
    long start = feed.lastId();
    catalog.setStatus(ModelId.parse("fake:a"), ModelStatus.ENABLED);
    clock.advance(Duration.ofSeconds(2));
    assertThat(feed.await(start, Duration.ofSeconds(5))).extracting(CatalogEvent::type)
        .containsExactly(CatalogEvent.Type.MODEL_STATUS);
  }
}
