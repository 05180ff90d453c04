package io.modelgate.adapter.http;

import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.catalog.CatalogDiscovery;
import io.modelgate.core.catalog.DiscoveryReport;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.CatalogFreshness;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.gateway.ProviderRateLimits;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.provider.ProviderKeys;
import io.modelgate.core.routing.ModelRouter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The model registry as seeds 001 and 002 call it: {@code GET /api/models} answering seed 001's
 * {@code ModelsResponse}, and {@code GET /api/organizations/{id}/models}, an org's allowed models. Both list only
 * what the caller may see; the rules are the catalog's and the access policy's, this class only renders them.
 */
@Singleton
final class RegistryApi {
  private static final String TAG = "registry";
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final ModelCatalog catalog;
  private final CatalogDiscovery discovery;
  private final ProviderStates providerStates;
  private final ModelRouter router;
  private final AccountService accounts;
  private final ProviderKeys providerKeys;

  private final PreparedAnswers prepared;

  @Inject
  RegistryApi(ModelCatalog catalog, CatalogDiscovery discovery, ProviderStates providerStates, ModelRouter router,
      AccountService accounts, ProviderKeys providerKeys, PreparedAnswers prepared) {
    this.prepared = prepared;
    this.catalog = catalog;
    this.discovery = discovery;
    this.providerStates = providerStates;
    this.router = router;
    this.accounts = accounts;
    this.providerKeys = providerKeys;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/api/models", user, TAG,
            "Seed 001's ModelsResponse: the models this caller may use (ModelInfo, prices per token) and each "
                + "provider's health; ?category=&provider=, ?force=true (admin) skips the caches",
            this::models).reply(RegistryWire.ModelsResponse.class),
        new Endpoint(Method.GET, "/api/organizations/{id}/models", user, TAG,
            "The models an org allows (seed 002), for members of that org and admins", this::orgModels)
            .reply(RegistryWire.OrgModels.class));
  }

  private void models(Call call) {
    CallerContext caller = call.caller();
    ModelCategory category = Params.category(call.query("category").orElse(null), "category");
    String provider = call.query("provider").orElse(null);
    if (call.queryFlag("force")) {
      if (!caller.admin()) {
        throw new AccessDeniedException("only an admin may force a refresh from the providers");
      }
      DiscoveryReport report = discovery.discover(new DiscoveryRequest(
          provider != null && router.visibleProvider(caller, provider).isPresent() ? provider : null, category,
          true));
      boolean fresh = report.providers().stream().anyMatch(p -> p.ok() && !p.cacheHit());
      call.header("Cache-Control", "no-store");
      call.json(200, list(caller, category, provider, ownKeys(caller), fresh));
      return;
    }
    // Seed 001 §4: an edge or CDN may keep it for 60 s, per key (Vary: Authorization), and serve it stale while it
    // revalidates; the ETag lets clients revalidate for free. Prepared per view of the state (PreparedAnswers).
    List<String> ownKeys = ownKeys(caller);
    call.cacheable(prepared.answer("/api/models", Arrays.asList(category, provider, ownKeys), caller,
        () -> list(caller, category, provider, ownKeys, false), call.json()),
        "public, max-age=0, s-maxage=60, stale-while-revalidate=60");
  }

  /** The providers the caller has stored keys of (any provider: the list names those it shows). */
  private List<String> ownKeys(CallerContext caller) {
    Set<String> own = new TreeSet<>();
    if (caller.principal() != null) {
      for (StoredCredential c : providerKeys.list(caller.principal())) {
        own.add(c.instance());
      }
    }
    return List.copyOf(own);
  }

  private RegistryWire.ModelsResponse list(CallerContext caller, @Nullable ModelCategory category,
      @Nullable String provider, List<String> ownKeys, boolean fresh) {
    Map<String, ProviderInstance> instances = new LinkedHashMap<>();
    for (ProviderInstance i : router.visibleProviders(caller)) {
      if (i.enabled() && (provider == null || provider.equals(i.id()))) {
        instances.put(i.id(), i);
      }
    }
    Map<String, ProviderState> states = providerStates.all();
    List<CatalogEntry> entries = new ArrayList<>(router.usable(caller, category, provider));
    entries.addAll(deprecated(instances.keySet(), category, provider));
    List<RegistryWire.ModelInfo> models = new ArrayList<>();
    Instant lastUpdated = Instant.EPOCH;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CatalogEntry e : entries) {
      ProviderInstance instance = instances.get(e.id().instance());
      if (instance == null) {
        continue;
      }
      ProviderState state = states.get(instance.id());
      RegistryWire.ModelInfo info = info(e, instance, state, caller.admin());
      models.add(info);
      counts.merge(instance.id(), 1, Integer::sum);
      if (info.lastChecked() != null && info.lastChecked().isAfter(lastUpdated)) {
        lastUpdated = info.lastChecked();
      }
    }
    Map<String, RegistryWire.ProviderStatus> providers = new LinkedHashMap<>();
    for (ProviderInstance i : instances.values()) {
      ProviderState state = states.get(i.id());
      CatalogFreshness freshness = providerStates.catalog(i.id());
      providers.put(i.id(), new RegistryWire.ProviderStatus(providerStatus(state),
          state == null ? null : state.lastChecked(), counts.getOrDefault(i.id(), 0), error(state, caller.admin()),
          freshness.stale(), freshness.listedAt()));
    }
    List<String> shownKeys = ownKeys.stream().filter(instances::containsKey).toList();
    return new RegistryWire.ModelsResponse(models, new RegistryWire.Metadata(
        lastUpdated, providers, models.size(), !fresh, shownKeys));
  }

  /** Deprecated models of the providers shown, so a stored pick can be shown as such (seed 001 §7). */
  private List<CatalogEntry> deprecated(Set<String> visible, @Nullable ModelCategory category,
      @Nullable String provider) {
    return catalog.list(new ModelFilter(provider, category, ModelStatus.DEPRECATED, null, null)).stream()
        .filter(e -> visible.contains(e.id().instance()))
        .toList();
  }

  private void orgModels(Call call) {
    CallerContext caller = call.caller();
    String orgId = call.path("id");
    if (!caller.admin() && !orgId.equals(caller.orgId())) {
      // Members learn nothing of other orgs, not even whether they exist.
      throw new ModelNotFoundException("no organization '" + orgId + "' of yours");
    }
    Org org = accounts.org(orgId).orElseThrow(() -> new ModelNotFoundException("no organization '" + orgId + "'"));
    // The org's view: shared providers only, whatever the caller's own private nodes are.
    CallerContext member = new CallerContext(null, org.id(), null, null, false);
    Map<String, ProviderState> states = providerStates.all();
    Map<String, ProviderInstance> instances = new LinkedHashMap<>();
    router.visibleProviders(member).forEach(p -> instances.put(p.id(), p));
    ModelCategory category = Params.category(call.query("category").orElse(null), "category");
    List<RegistryWire.ModelInfo> models = router.usable(member, category, null).stream()
        .map(e -> info(e, instances.get(e.id().instance()), states.get(e.id().instance()), caller.admin()))
        .toList();
    call.json(200, new RegistryWire.OrgModels(org.id(), org.allowedModels(), org.allowedModels().isEmpty(),
        models));
  }

  private static RegistryWire.ModelInfo info(CatalogEntry e, @Nullable ProviderInstance instance,
      @Nullable ProviderState state, boolean admin) {
    HealthState health = state == null ? HealthState.UNKNOWN : state.health();
    String status = e.status() == ModelStatus.DEPRECATED ? "deprecated"
        : health == HealthState.DOWN ? "unavailable"
        : health == HealthState.DEGRADED ? "limited"
        : "available";
    Instant checked = state != null && state.lastChecked() != null ? state.lastChecked()
        : e.lastSeenAt() != null ? e.lastSeenAt() : e.discoveredAt();
    Pricing p = e.pricing();
    boolean premium = p != null && p.inputPerMillion() != null && p.inputPerMillion().signum() > 0;
    return new RegistryWire.ModelInfo(e.id().toString(), e.id().instance(),
        instance == null ? e.id().instance() : instance.displayName(), e.displayName(), e.description(),
        e.capabilities().stream().map(Capability::wireName).sorted().toList(), premium, e.has(Capability.VISION),
        e.contextWindow(), e.category().wireName(), status, checked,
        status.equals("available") ? null : error(state, admin), health == HealthState.UNKNOWN ? "healthy"
            : health == HealthState.DOWN ? "down" : health.wireName(),
        p == null ? null : new RegistryWire.Pricing(perToken(p.inputPerMillion()), perToken(p.outputPerMillion()),
            "USD"),
        rateLimit(instance));
  }

  /** Seed 001's rateLimit: the outbound limits set on the model's provider, or null when none is. */
  private static RegistryWire.@Nullable RateLimit rateLimit(@Nullable ProviderInstance instance) {
    QuotaLimit limit = instance == null ? null : ProviderRateLimits.limitOf(instance);
    return limit == null ? null : new RegistryWire.RateLimit(limit.requests(), limit.tokens());
  }

  private static @Nullable BigDecimal perToken(@Nullable BigDecimal perMillion) {
    return perMillion == null ? null : perMillion.divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros();
  }

  private static String providerStatus(@Nullable ProviderState state) {
    if (state == null) {
      return "healthy";
    }
    return switch (state.health()) {
      case HEALTHY -> "healthy";
      case DEGRADED -> "degraded";
      case DOWN -> "error";
      case UNKNOWN -> state.error() == null ? "healthy" : "error";
    };
  }

  private static @Nullable String error(@Nullable ProviderState state, boolean admin) {
    return Problems.providerError(state == null ? null : state.error(), admin);
  }
}
