package io.modelgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.FakeProvider;
import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.TooSoonException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.IllegalTransitionException;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ModelDiscovery;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.routing.ModelAlias;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  private final MutableClock clock = new MutableClock();
  private final FakeProvider fake = new FakeProvider();
  private final InMemorySettingsStore settings = new InMemorySettingsStore();
  private final InMemoryAliasStore aliases = new InMemoryAliasStore();
  private Modelgate modelgate;
  private ModelCatalog catalog;
  private CatalogDiscovery discovery;

  @BeforeEach
  void setUp() {
    modelgate = Modelgate.builder().driver(fake).instance(FakeProvider.instance("acme")).clock(clock)
        .settingsStore(settings).aliasStore(aliases).build();
    catalog = modelgate.catalog();
    discovery = modelgate.discovery();
  }

  private CatalogEntry entry(String id) {
    return catalog.find(ModelId.parse(id), ModelCategory.TEXT).orElseThrow();
  }

  @Test
  void newModelsArrivePending() {
    fake.lists("alpha", "beta");
    DiscoveryReport report = discovery.discover(DiscoveryRequest.ALL);
    assertThat(report.providers()).singleElement().satisfies(r -> {
      assertThat(r.listed()).isEqualTo(2);
      assertThat(r.added()).isEqualTo(2);
      assertThat(r.deprecated()).isZero();
      assertThat(r.ok()).isTrue();
    });
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.PENDING);
    assertThat(entry("acme:alpha").source()).isEqualTo(ModelSource.DISCOVERED);
    assertThat(entry("acme:alpha").discoveredAt()).isEqualTo(clock.instant());
  }

  @Test
  void autoEnablePolicyEnablesNewModels() {
    modelgate.providers().save(FakeProvider.instance("acme").newBuilder()
        .approvalPolicy(ApprovalPolicy.AUTO_ENABLE).build());
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.ENABLED);
    assertThat(entry("acme:alpha").enabledAt()).isEqualTo(clock.instant());
  }

  @Test
  void modelMissingFromASuccessfulListingBecomesDeprecated() {
    fake.lists("alpha", "beta");
    discovery.discover(DiscoveryRequest.ALL);
    catalog.setStatus(ModelId.parse("acme:beta"), ModelStatus.ENABLED);
    fake.lists("alpha");
    DiscoveryReport report = discovery.discover(DiscoveryRequest.forced());
    assertThat(report.deprecated()).isEqualTo(1);
    assertThat(entry("acme:beta").status()).isEqualTo(ModelStatus.DEPRECATED);
    assertThat(entry("acme:beta").deprecatedAt()).isEqualTo(clock.instant());
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.PENDING);
  }

  @Test
  void failedListingDeprecatesNothingAndMarksTheProviderDegraded() {
    fake.lists("alpha", "beta");
    discovery.discover(DiscoveryRequest.ALL);
    fake.listing = () -> {
      throw new UpstreamUnavailableException("upstream said 503", 503, null, null);
    };
    DiscoveryReport report = discovery.discover(DiscoveryRequest.forced());
    assertThat(report.ok()).isFalse();
    assertThat(report.providers().getFirst().error()).contains("503");
    assertThat(report.deprecated()).isZero();
    assertThat(catalog.list(ModelFilter.ALL)).extracting(CatalogEntry::status)
        .containsOnly(ModelStatus.PENDING).hasSize(2);
    assertThat(modelgate.providerStates().of("acme").health()).isEqualTo(io.modelgate.core.model.HealthState.DEGRADED);
  }

  @Test
  void rediscoveryNeverOverwritesTheAdminsStatusOrNotes() {
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    catalog.setStatus(ModelId.parse("acme:alpha"), ModelStatus.DISABLED);
    catalog.setAdminNotes(ModelId.parse("acme:alpha"), "too slow for chat");
    fake.listing = () -> ModelListing.of(List.of(new DiscoveredModel("alpha", ModelCategory.TEXT, "Alpha 2",
        null, 128_000, null, Set.of(Capability.TOOLS), null, null, null)));
    DiscoveryReport report = discovery.discover(DiscoveryRequest.forced());
    assertThat(report.providers().getFirst().updated()).isEqualTo(1);
    CatalogEntry alpha = entry("acme:alpha");
    assertThat(alpha.status()).isEqualTo(ModelStatus.DISABLED);
    assertThat(alpha.adminNotes()).isEqualTo("too slow for chat");
    assertThat(alpha.displayName()).isEqualTo("Alpha 2");
    assertThat(alpha.contextWindow()).isEqualTo(128_000);
  }

  @Test
  void deprecatedModelThatReappearsStaysDeprecatedUntilAnAdminActs() {
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    fake.lists();
    discovery.discover(DiscoveryRequest.forced());
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.forced());
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.DEPRECATED);
    catalog.setStatus(ModelId.parse("acme:alpha"), ModelStatus.ENABLED);
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.ENABLED);
  }

  @Test
  void discoveryInsideTheMinimumIntervalIsRefusedUnlessForced() {
    fake.lists("alpha");
    discovery.discover(new DiscoveryRequest("acme", null, false));
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> discovery.discover(new DiscoveryRequest("acme", null, false)))
        .isInstanceOf(TooSoonException.class)
        .satisfies(e -> assertThat(((TooSoonException) e).retryAfter()).isEqualTo(Duration.ofMinutes(3)));
    DiscoveryReport forced = discovery.discover(new DiscoveryRequest("acme", null, true));
    assertThat(forced.ok()).isTrue();
    assertThat(fake.listCalls).hasValue(2);
  }

  @Test
  void allProvidersDiscoveryReportsATooSoonProviderAsSkipped() {
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    clock.advance(Duration.ofMinutes(1));
    DiscoveryReport again = discovery.discover(DiscoveryRequest.ALL);
    assertThat(again.providers().getFirst().error()).startsWith("skipped");
    assertThat(again.providers().getFirst().retryAfter()).isEqualTo(Duration.ofMinutes(4));
    clock.advance(Duration.ofMinutes(4));
    assertThat(discovery.discover(DiscoveryRequest.ALL).ok()).isTrue();
  }

  @Test
  void listingIsCachedForItsTtlAndForceSkipsTheCache() {
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    clock.advance(Duration.ofMinutes(6)); // past the 5-minute interval, inside the 10-minute TTL
    DiscoveryReport cached = discovery.discover(DiscoveryRequest.ALL);
    assertThat(cached.providers().getFirst().cacheHit()).isTrue();
    assertThat(fake.listCalls).hasValue(1);
    clock.advance(Duration.ofMinutes(5)); // past the TTL
    assertThat(discovery.discover(DiscoveryRequest.ALL).providers().getFirst().cacheHit()).isFalse();
    assertThat(fake.listCalls).hasValue(2);
    discovery.discover(DiscoveryRequest.forced());
    assertThat(fake.listCalls).hasValue(3);
  }

  @Test
  void discoveryOfOneCategoryLeavesTheOthersAlone() {
    fake.listing = () -> ModelListing.of(List.of(DiscoveredModel.of("alpha", ModelCategory.TEXT),
        DiscoveredModel.of("vec", ModelCategory.EMBEDDING)));
    discovery.discover(DiscoveryRequest.ALL);
    fake.listing = () -> ModelListing.of(List.of(DiscoveredModel.of("alpha", ModelCategory.TEXT)));
    DiscoveryReport text = discovery.discover(new DiscoveryRequest(null, ModelCategory.TEXT, true));
    assertThat(text.deprecated()).isZero();
    assertThat(catalog.find(ModelId.parse("acme:vec"), ModelCategory.EMBEDDING).orElseThrow().status())
        .isEqualTo(ModelStatus.PENDING);
  }

  @Test
  void skippedModelsAreCountedInTheReport() {
    fake.listing = () -> new ModelListing(List.of(DiscoveredModel.of("alpha", ModelCategory.TEXT)),
        Map.of("image", 2, "moderation", 1));
    ProviderReport report = discovery.discover(DiscoveryRequest.ALL).providers().getFirst();
    assertThat(report.skipped()).containsEntry("image", 2).containsEntry("moderation", 1);
  }

  @Test
  void unknownProviderIsAClearError() {
    assertThatThrownBy(() -> discovery.discover(new DiscoveryRequest("nope", null, false)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown provider 'nope'");
  }

  @Test
  void curatedEntriesEnrichDiscoveredOnesAndStandInWithoutAListApi() {
    DiscoveredModel curated = new DiscoveredModel("alpha", ModelCategory.TEXT, "Alpha", "curated", 200_000, 8_192,
        Set.of(Capability.TOOLS), Pricing.perMillion("1", "2"), null, ModelSource.CURATED);
    ProviderDriver driver = new ProviderDriver() {
      volatile boolean hasList = true;

      @Override
      public Set<ProviderKind> kinds() {
        return Set.of(ProviderKind.ANTHROPIC);
      }

      @Override
      public ProviderConnection connect(ProviderInstance instance, io.modelgate.core.model.Secret key) {
        ModelDiscovery discovery = new ModelDiscovery() {
          @Override
          public ModelListing listModels() {
            if (!hasList) {
              throw new UnsupportedCapabilityException("no list");
            }
            return ModelListing.of(List.of(DiscoveredModel.of("alpha", ModelCategory.TEXT)));
          }

          @Override
          public List<DiscoveredModel> curatedModels() {
            return List.of(curated);
          }
        };
        hasList = !instance.id().equals("nolist");
        return new ProviderConnection(discovery, (m, r) -> null, null, null, () -> null);
      }
    };
    Modelgate g = Modelgate.builder().driver(driver).clock(clock)
        .instance(ProviderInstance.builder("withlist", ProviderKind.ANTHROPIC).build())
        .instance(ProviderInstance.builder("nolist", ProviderKind.ANTHROPIC).build()).build();
    g.discovery().discover(DiscoveryRequest.ALL);
    CatalogEntry listed = g.catalog().find(ModelId.parse("withlist:alpha"), ModelCategory.TEXT).orElseThrow();
    assertThat(listed.contextWindow()).isEqualTo(200_000);
    assertThat(listed.pricing().outputPerMillion()).isEqualByComparingTo("2");
    assertThat(listed.source()).isEqualTo(ModelSource.DISCOVERED);
    CatalogEntry standIn = g.catalog().find(ModelId.parse("nolist:alpha"), ModelCategory.TEXT).orElseThrow();
    assertThat(standIn.source()).isEqualTo(ModelSource.CURATED);
    assertThat(standIn.status()).isEqualTo(ModelStatus.PENDING);
  }

  @Test
  void bulkStatusChangeReportsEachIdOnItsOwn() {
    fake.lists("alpha", "beta");
    discovery.discover(DiscoveryRequest.ALL);
    BulkResult result = catalog.setStatus(List.of(ModelId.parse("acme:alpha"), ModelId.parse("acme:beta"),
        ModelId.parse("acme:ghost")), ModelStatus.ENABLED);
    assertThat(result.updated()).containsExactly(ModelId.parse("acme:alpha"), ModelId.parse("acme:beta"));
    assertThat(result.failed()).containsOnlyKeys(ModelId.parse("acme:ghost"));
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.ENABLED);
  }

  @Test
  void illegalTransitionIsRefusedAndChangesNothing() {
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    catalog.setStatus(ModelId.parse("acme:alpha"), ModelStatus.ENABLED);
    assertThatThrownBy(() -> catalog.setStatus(ModelId.parse("acme:alpha"), ModelStatus.PENDING))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(entry("acme:alpha").status()).isEqualTo(ModelStatus.ENABLED);
  }

  @Test
  void providerDefaultMustBeThatProvidersModel() {
    fake.lists("alpha");
    discovery.discover(DiscoveryRequest.ALL);
    catalog.setProviderDefault("acme", ModelCategory.TEXT, ModelId.parse("acme:alpha"));
    assertThat(modelgate.providers().find("acme").orElseThrow().defaultModel(ModelCategory.TEXT))
        .isEqualTo(ModelId.parse("acme:alpha"));
    assertThatThrownBy(() -> catalog.setProviderDefault("acme", ModelCategory.TEXT, ModelId.parse("other:x")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not belong");
    assertThatThrownBy(() -> catalog.setProviderDefault("acme", ModelCategory.TEXT, ModelId.parse("acme:nope")))
        .isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void migrationRewritesPreferencesPinsAliasesAndDefaults() {
    fake.lists("old", "new");
    discovery.discover(DiscoveryRequest.ALL);
    ModelId old = ModelId.parse("acme:old");
    ModelId next = ModelId.parse("acme:new");
    settings.setUserDefault("ann", ModelCategory.TEXT, old);
    settings.setOrgDefault("eng", ModelCategory.TEXT, old);
    settings.pin(new io.modelgate.core.model.Conversation("ann", "conv-1"), old);
    catalog.setGlobalDefault(ModelCategory.TEXT, old);
    catalog.setProviderDefault("acme", ModelCategory.TEXT, old);
    aliases.save(new ModelAlias("fast", List.of(old, ModelId.parse("demo:echo")), Map.of()));

    int rewritten = catalog.addMigration(new ModelMigration(old, next, ModelMigration.Reason.RENAMED, true,
        clock.instant()));

    assertThat(rewritten).isEqualTo(6);
    assertThat(settings.userDefault("ann", ModelCategory.TEXT)).contains(next);
    assertThat(settings.orgDefault("eng", ModelCategory.TEXT)).contains(next);
    assertThat(settings.pinnedModel(new io.modelgate.core.model.Conversation("ann", "conv-1"))).contains(next);
    assertThat(settings.globalDefault(ModelCategory.TEXT)).contains(next);
    assertThat(modelgate.providers().find("acme").orElseThrow().defaultModel(ModelCategory.TEXT)).isEqualTo(next);
    assertThat(aliases.find("fast").orElseThrow().models()).first().isEqualTo(next);
    assertThat(entry("acme:old").successor()).isEqualTo(next);
    assertThat(catalog.migrations()).singleElement().extracting(ModelMigration::to).isEqualTo(next);
  }

  @Test
  void migrationToAnUnknownModelIsRefused() {
    assertThatThrownBy(() -> catalog.addMigration(new ModelMigration(ModelId.parse("acme:a"),
        ModelId.parse("acme:b"), ModelMigration.Reason.MOVED, true, clock.instant())))
        .isInstanceOf(ModelNotFoundException.class);
    assertThat(catalog.migrations()).isEmpty();
  }

  @Test
  void listFiltersByStatusCapabilityAndText() {
    fake.listing = () -> ModelListing.of(List.of(
        new DiscoveredModel("alpha", ModelCategory.TEXT, "Alpha", "fast one", null, null, Set.of(Capability.TOOLS),
            null, null, null),
        DiscoveredModel.of("beta", ModelCategory.TEXT)));
    discovery.discover(DiscoveryRequest.ALL);
    catalog.setStatus(ModelId.parse("acme:beta"), ModelStatus.ENABLED);
    assertThat(catalog.list(new ModelFilter(null, null, ModelStatus.ENABLED, null, null)))
        .extracting(e -> e.id().model()).containsExactly("beta");
    assertThat(catalog.list(new ModelFilter(null, null, null, Capability.TOOLS, null)))
        .extracting(e -> e.id().model()).containsExactly("alpha");
    assertThat(catalog.list(new ModelFilter("acme", ModelCategory.TEXT, null, null, "FAST")))
        .extracting(e -> e.id().model()).containsExactly("alpha");
    assertThat(new ArrayList<>(catalog.list(ModelFilter.ALL))).hasSize(2);
  }
}
