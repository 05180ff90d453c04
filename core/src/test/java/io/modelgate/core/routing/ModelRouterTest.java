package io.modelgate.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.FakeProvider;
import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelPendingException;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Visibility;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelRouterTest {
  private static final ModelCategory TEXT = ModelCategory.TEXT;
  private final MutableClock clock = new MutableClock();
  private final FakeProvider fake = new FakeProvider();
  private final InMemorySettingsStore settings = new InMemorySettingsStore();
  private final InMemoryAliasStore aliases = new InMemoryAliasStore();
  private final io.modelgate.core.memory.InMemoryProviderConfigStore configs =
      new io.modelgate.core.memory.InMemoryProviderConfigStore();
  private Modelgate modelgate;
  private ModelCatalog catalog;
  private ModelRouter router;
  private final CallerContext ann = new CallerContext("ann", "eng", null, "conv-1", false);
  private static final io.modelgate.core.model.Conversation ANNS = new io.modelgate.core.model.Conversation("ann",
      "conv-1");

  private void build(AccessPolicy policy, String serverDefault) {
    modelgate = Modelgate.builder().driver(fake).clock(clock)
        .instance(FakeProvider.instance("acme"))
        .instance(FakeProvider.instance("mac").newBuilder().owner("bob").visibility(Visibility.PRIVATE).build())
        .settingsStore(settings).aliasStore(aliases).providerConfigStore(configs).accessPolicy(policy).defaultModel(serverDefault).build();
    catalog = modelgate.catalog();
    router = modelgate.router();
    fake.listing = () -> ModelListing.of(List.of("a", "b", "c", "d", "e", "f", "g").stream()
        .map(m -> DiscoveredModel.of(m, TEXT)).toList());
    modelgate.discovery().discover(DiscoveryRequest.ALL);
    for (String m : List.of("a", "b", "c", "d", "e", "f")) {
      catalog.setStatus(ModelId.parse("acme:" + m), ModelStatus.ENABLED);
    }
    catalog.setStatus(ModelId.parse("mac:a"), ModelStatus.ENABLED);
  }

  @BeforeEach
  void setUp() {
    build(AccessPolicy.ALLOW_ALL, "acme:e");
  }

  private static ModelId id(String text) {
    return ModelId.parse(text);
  }

  @Test
  void theModelNamedInTheRequestComesFirst() {
    settings.pin(ANNS, id("acme:b"));
    Route route = router.resolve("acme:a", TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:a"));
    assertThat(route.source()).isEqualTo(RouteSource.REQUEST);
    assertThat(route.fellBack()).isFalse();
  }

  @Test
  void thenTheConversationsPinnedModel() {
    settings.pin(ANNS, id("acme:b"));
    settings.setUserDefault("ann", TEXT, id("acme:c"));
    Route route = router.resolve(null, TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:b"));
    assertThat(route.source()).isEqualTo(RouteSource.CONVERSATION);
  }

  @Test
  void thenTheUsersPreference() {
    settings.setUserDefault("ann", TEXT, id("acme:c"));
    settings.setOrgDefault("eng", TEXT, id("acme:d"));
    assertThat(router.resolve(null, TEXT, ann).source()).isEqualTo(RouteSource.USER_PREFERENCE);
    assertThat(router.resolve(null, TEXT, ann).servedId()).isEqualTo(id("acme:c"));
  }

  @Test
  void aUsersDefaultProviderConfigCountsAsTheirPreference() {
    configs.save(new io.modelgate.core.account.UserProviderConfig("ann", "acme", id("acme:f"), 0.3, null, true,
        clock.instant()));
    settings.setOrgDefault("eng", TEXT, id("acme:d"));
    Route route = router.resolve(null, TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:f"));
    assertThat(route.source()).isEqualTo(RouteSource.USER_PREFERENCE);
  }

  @Test
  void thenTheOrgsDefault() {
    settings.setOrgDefault("eng", TEXT, id("acme:d"));
    Route route = router.resolve(null, TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:d"));
    assertThat(route.source()).isEqualTo(RouteSource.ORG_DEFAULT);
  }

  @Test
  void thenTheServerDefaultFromConfigurationUnlessAGlobalDefaultIsStored() {
    assertThat(router.resolve(null, TEXT, ann).servedId()).isEqualTo(id("acme:e"));
    assertThat(router.resolve(null, TEXT, ann).source()).isEqualTo(RouteSource.SERVER_DEFAULT);
    catalog.setGlobalDefault(TEXT, id("acme:f"));
    assertThat(router.resolve(null, TEXT, ann).servedId()).isEqualTo(id("acme:f"));
  }

  @Test
  void thenTheFirstEnabledModelOfTheCategory() {
    build(AccessPolicy.ALLOW_ALL, null);
    Route route = router.resolve(null, TEXT, CallerContext.ANONYMOUS);
    assertThat(route.servedId()).isEqualTo(id("acme:a"));
    assertThat(route.source()).isEqualTo(RouteSource.FIRST_AVAILABLE);
  }

  @Test
  void anUnusablePreferenceIsSkippedAndTheStepRecorded() {
    settings.pin(ANNS, id("acme:b"));
    catalog.setStatus(id("acme:b"), ModelStatus.DISABLED);
    settings.setUserDefault("ann", TEXT, id("acme:c"));
    Route route = router.resolve(null, TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:c"));
    assertThat(route.trail()).contains("skipped: conversation acme:b is disabled");
  }

  @Test
  void anAliasServesItsFirstUsableModelWithItsDefaults() {
    catalog.setStatus(id("acme:a"), ModelStatus.DISABLED);
    aliases.save(new ModelAlias("fast", List.of(id("acme:a"), id("acme:b")), Map.of("temperature", 0.2)));
    Route route = router.resolve("fast", TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:b"));
    assertThat(route.source()).isEqualTo(RouteSource.ALIAS);
    assertThat(route.defaults()).containsEntry("temperature", 0.2);
    assertThat(route.trail()).contains("acme:a is disabled").contains("alias: fast → acme:b");
  }

  @Test
  void anUnknownNameWithoutAColonIsNotFound() {
    assertThatThrownBy(() -> router.resolve("fastest", TEXT, ann))
        .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("nor a known alias");
  }

  @Test
  void aPendingModelIsRefusedClearly() {
    assertThatThrownBy(() -> router.resolve("acme:g", TEXT, ann))
        .isInstanceOf(ModelPendingException.class).hasMessageContaining("pending");
  }

  @Test
  void aModelNotInTheCatalogIsNotFound() {
    assertThatThrownBy(() -> router.resolve("acme:zz", TEXT, ann)).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> router.resolve("nowhere:zz", TEXT, ann)).isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void aMalformedIdNamesTheModelField() {
    assertThatThrownBy(() -> router.resolve("BAD:x", TEXT, ann))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).param()).isEqualTo("model"));
  }

  @Test
  void aDeprecatedModelFallsBackToItsAutomaticMigrationFirst() {
    catalog.addMigration(new ModelMigration(id("acme:a"), id("acme:b"), ModelMigration.Reason.RENAMED, true,
        clock.instant()));
    catalog.setProviderDefault("acme", TEXT, id("acme:c"));
    catalog.setStatus(id("acme:a"), ModelStatus.DEPRECATED);
    Route route = router.resolve("acme:a", TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:b"));
    assertThat(route.requested()).isEqualTo("acme:a");
    assertThat(route.requestedDeprecated()).isTrue();
    assertThat(route.requestedEntry().successor()).isEqualTo(id("acme:b"));
    assertThat(route.trail()).contains("migration: acme:a → acme:b");
  }

  @Test
  void aManualMigrationIsNotFollowed() {
    catalog.addMigration(new ModelMigration(id("acme:a"), id("acme:b"), ModelMigration.Reason.MOVED, false,
        clock.instant()));
    catalog.setStatus(id("acme:a"), ModelStatus.DISABLED);
    assertThat(router.resolve("acme:a", TEXT, ann).servedId()).isEqualTo(id("acme:e"));
  }

  @Test
  void aDisabledModelFallsBackToItsProvidersDefault() {
    catalog.setProviderDefault("acme", TEXT, id("acme:c"));
    catalog.setStatus(id("acme:a"), ModelStatus.DISABLED);
    Route route = router.resolve("acme:a", TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:c"));
    assertThat(route.trail()).contains("skipped: acme:a is disabled").contains("provider-default: acme:c");
    assertThat(route.fellBack()).isTrue();
  }

  @Test
  void thenToTheGlobalDefault() {
    catalog.setProviderDefault("acme", TEXT, id("acme:c"));
    catalog.setStatus(id("acme:c"), ModelStatus.DISABLED);
    catalog.setStatus(id("acme:a"), ModelStatus.DEPRECATED);
    Route route = router.resolve("acme:a", TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:e"));
    assertThat(route.trail()).contains("provider default acme:c is disabled").contains("global-default: acme:e");
  }

  @Test
  void aModelGoneFromTheCatalogFollowsItsAutomaticMigration() {
    catalog.addMigration(new ModelMigration(id("acme:old"), id("acme:b"), ModelMigration.Reason.RENAMED, true,
        clock.instant()));
    assertThat(router.resolve("acme:old", TEXT, ann).servedId()).isEqualTo(id("acme:b"));
  }

  @Test
  void fallbackForNamesWhatResolveWouldServeInsteadOfADeprecatedModel() {
    catalog.addMigration(new ModelMigration(id("acme:a"), id("acme:b"), ModelMigration.Reason.RENAMED, true,
        clock.instant()));
    catalog.setProviderDefault("acme", TEXT, id("acme:c"));
    catalog.setStatus(id("acme:a"), ModelStatus.DEPRECATED);
    catalog.setStatus(id("acme:d"), ModelStatus.DEPRECATED);
    assertThat(router.fallbackFor(entry("acme:a"), ann)).contains(id("acme:b"));
    assertThat(router.fallbackFor(entry("acme:d"), ann)).contains(id("acme:c"));
    // the migration's target switched off: the router skips it, and so does what the console is told
    catalog.setStatus(id("acme:b"), ModelStatus.DISABLED);
    assertThat(router.fallbackFor(entry("acme:a"), ann)).contains(id("acme:c"))
        .contains(router.resolve("acme:a", TEXT, ann).servedId());
    catalog.setStatus(id("acme:c"), ModelStatus.DISABLED);
    assertThat(router.fallbackFor(entry("acme:a"), ann)).contains(id("acme:e"));
    assertThat(router.fallbackFor(entry("acme:f"), ann)).as("an enabled model serves itself").isEmpty();
    assertThat(router.fallbackFor(entry("acme:g"), ann)).as("a pending model is refused").isEmpty();
  }

  @Test
  void fallbackForIsEmptyWhenNothingCouldServe() {
    build(AccessPolicy.ALLOW_ALL, null);
    catalog.setStatus(id("acme:a"), ModelStatus.DEPRECATED);
    assertThat(router.fallbackFor(entry("acme:a"), ann)).isEmpty();
  }

  private io.modelgate.core.model.CatalogEntry entry(String id) {
    return catalog.find(id(id), TEXT).orElseThrow();
  }

  @Test
  void whenNoFallbackCanServeTheErrorSaysWhy() {
    build(AccessPolicy.ALLOW_ALL, null);
    catalog.setStatus(id("acme:a"), ModelStatus.DISABLED);
    assertThatThrownBy(() -> router.resolve("acme:a", TEXT, ann))
        .isInstanceOf(NoUsableModelException.class).hasMessageContaining("acme:a is disabled");
  }

  @Test
  void everyHopIsCheckedAgainstTheAccessPolicy() {
    AccessPolicy onlyB = (caller, entry, instance) ->
        entry.id().model().equals("b") ? Optional.empty() : Optional.of("org eng may not use " + entry.id());
    build(onlyB, "acme:e");
    catalog.setProviderDefault("acme", TEXT, id("acme:c"));
    catalog.setStatus(id("acme:b"), ModelStatus.DISABLED);
    assertThatThrownBy(() -> router.resolve("acme:a", TEXT, ann)).isInstanceOf(AccessDeniedException.class);
    catalog.setStatus(id("acme:b"), ModelStatus.ENABLED);
    catalog.setStatus(id("acme:b"), ModelStatus.DEPRECATED);
    // b is deprecated → provider default c and global default e are both refused by the policy
    assertThatThrownBy(() -> router.resolve("acme:b", TEXT, ann))
        .isInstanceOf(NoUsableModelException.class)
        .hasMessageContaining("provider default acme:c is not allowed")
        .hasMessageContaining("global default acme:e is not allowed");
  }

  @Test
  void aFallbackToAModelTheOrgMayNotUseIsRefused() {
    io.modelgate.core.memory.InMemoryAccountStore accounts = new io.modelgate.core.memory.InMemoryAccountStore();
    accounts.saveOrg(new io.modelgate.core.account.Org("eng", "Engineering", List.of("acme:a", "acme:d"),
        clock.instant()));
    build(new io.modelgate.core.account.OrgAccessPolicy(accounts), "acme:e");
    catalog.addMigration(new ModelMigration(id("acme:a"), id("acme:b"), ModelMigration.Reason.RENAMED, true,
        clock.instant()));
    catalog.setProviderDefault("acme", TEXT, id("acme:c"));
    catalog.setStatus(id("acme:a"), ModelStatus.DEPRECATED);

    // a → b (migration), → c (provider default), → e (global default): the org allows none of them
    assertThatThrownBy(() -> router.resolve("acme:a", TEXT, ann))
        .isInstanceOf(NoUsableModelException.class)
        .hasMessageContaining("migration target acme:b is not allowed: org 'Engineering' does not allow acme:b")
        .hasMessageContaining("provider default acme:c is not allowed")
        .hasMessageContaining("global default acme:e is not allowed");
    // Someone outside the org follows the same fallback to b.
    assertThat(router.resolve("acme:a", TEXT, CallerContext.user("zoe", null)).servedId()).isEqualTo(id("acme:b"));

    // Once the org allows the provider default, the fallback stops there and skips b.
    accounts.saveOrg(new io.modelgate.core.account.Org("eng", "Engineering", List.of("acme:a", "acme:c"),
        clock.instant()));
    Route route = router.resolve("acme:a", TEXT, ann);
    assertThat(route.servedId()).isEqualTo(id("acme:c"));
    assertThat(route.trail()).contains("skipped: migration target acme:b is not allowed");
  }

  @Test
  void privateNodesAreSeenOnlyByTheirOwner() {
    assertThatThrownBy(() -> router.resolve("mac:a", TEXT, ann)).isInstanceOf(ModelNotFoundException.class);
    CallerContext bob = CallerContext.user("bob", null);
    assertThat(router.resolve("mac:a", TEXT, bob).servedId()).isEqualTo(id("mac:a"));
  }

  @Test
  void aTextRequestForAnEmbeddingModelIsABadRequest() {
    fake.listing = () -> ModelListing.of(List.of(DiscoveredModel.of("vec", ModelCategory.EMBEDDING)));
    modelgate.discovery().discover(DiscoveryRequest.forced());
    assertThatThrownBy(() -> router.resolve("acme:vec", TEXT, ann))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a text model");
  }

  @Test
  void aSwitchedOffProviderIsSkipped() {
    ProviderInstance acme = modelgate.providers().find("acme").orElseThrow();
    modelgate.providers().save(acme.newBuilder().enabled(false).build());
    settings.setUserDefault("ann", TEXT, id("acme:c"));
    assertThatThrownBy(() -> router.resolve(null, TEXT, ann)).isInstanceOf(NoUsableModelException.class)
        .hasMessageContaining("switched off");
  }

  @Test
  void aCallThatNamesNothingAndGetsTheDefaultHasNotFallenBack() {
    Route route = router.resolve(null, TEXT, ann);
    assertThat(route.source()).isEqualTo(RouteSource.SERVER_DEFAULT);
    assertThat(route.requested()).isNull();
    assertThat(route.fellBack()).isFalse();
    assertThat(route.steps()).extracting(RouteStep::kind).containsExactly(RouteStep.Kind.SERVER_DEFAULT);
  }

  @Test
  void aReplacedPreferenceCountsAsAFallback() {
    settings.pin(ANNS, id("acme:g"));
    Route route = router.resolve(null, TEXT, ann);
    assertThat(route.fellBack()).isTrue();
    assertThat(route.steps()).extracting(RouteStep::kind)
        .containsExactly(RouteStep.Kind.SKIPPED, RouteStep.Kind.SERVER_DEFAULT);
  }

  @Test
  void theModelsACallerMayUseAreTheOnesRoutingWouldServe() {
    build((caller, entry, instance) -> entry.id().model().equals("b")
        ? Optional.of("org 'eng' may not use it") : Optional.empty(), "acme:e");
    catalog.setStatus(id("acme:c"), ModelStatus.DISABLED);
    CallerContext bob = new CallerContext("bob", null, null, null, false);

    assertThat(router.usable(ann, TEXT, null)).extracting(e -> e.id().toString())
        .containsExactly("acme:a", "acme:d", "acme:e", "acme:f");
    assertThat(router.usable(bob, TEXT, null)).extracting(e -> e.id().toString())
        .contains("mac:a").doesNotContain("acme:b", "acme:c", "acme:g");
    assertThat(router.usable(ann, id("mac:a"))).isEmpty();
    assertThat(router.usable(ann, id("acme:b"))).isEmpty();
    assertThat(router.usable(ann, id("acme:a"))).isPresent();
    assertThat(router.visibleProviders(ann)).extracting(ProviderInstance::id).containsExactly("acme");

    modelgate.providerStates().record(new io.modelgate.core.catalog.ProviderState("acme",
        io.modelgate.core.model.HealthState.DOWN, clock.instant(), null, "probe failed"));
    assertThat(router.usable(ann, TEXT, null)).isEmpty();
    assertThat(router.usable(ann, id("acme:a"))).isEmpty();
    assertThat(router.permitted(ann, id("acme:a"))).isPresent();
  }

  @Test
  void anotherCallerUsingTheSameConversationIdHasAConversationOfTheirOwn() {
    settings.pin(ANNS, id("mac:a"));
    Route annsRoute = router.resolve(null, TEXT, new CallerContext("ann", "eng", null, "conv-1", false));
    assertThat(annsRoute.trail()).contains("skipped: conversation mac:a is not in the catalog");

    CallerContext bob = new CallerContext("bob", null, null, "conv-1", false);
    Route bobs = router.resolve(null, TEXT, bob);
    assertThat(bobs.source()).isEqualTo(RouteSource.SERVER_DEFAULT);
    assertThat(bobs.trail()).doesNotContain("mac:a").doesNotContain("conversation");
  }
}
