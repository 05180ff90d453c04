package io.modelgate.core.routing;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelPendingException;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.routing.RouteStep.Kind;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides which model serves a request, and which models a caller may use at all. Priority: the model (or alias)
 * named in the request → the conversation's pinned model (the caller's own conversation of that id) → the user's preference → the org's default → the
 * server default → the first healthy enabled model of the category. A named model that is deprecated or disabled
 * falls back: automatic migration → its provider's default for the category → the global default; a pending one is
 * refused. Every hop is checked the same way: the model is enabled, on a switched-on provider the caller can see
 * (private ones only by their owner) that is not down, and the {@link AccessPolicy} allows it. Thread-safe.
 */
public final class ModelRouter {
  private static final int MAX_MIGRATION_HOPS = 8;

  private final ModelCatalog catalog;
  private final ProviderStates states;
  private final ProviderRegistry registry;
  private final SettingsStore settings;
  private final MigrationStore migrations;
  private final AliasStore aliases;
  private final AccessPolicy access;
  private final RoutingDefaults defaults;
  private final ProviderConfigStore userConfigs;
  private final CircuitBreakers breakers;

  @Inject
  public ModelRouter(ModelCatalog catalog, ProviderStates states, ProviderRegistry registry, SettingsStore settings,
      MigrationStore migrations, AliasStore aliases, AccessPolicy access, RoutingDefaults defaults,
      ProviderConfigStore userConfigs, CircuitBreakers breakers) {
    this.catalog = catalog;
    this.breakers = breakers;
    this.states = states;
    this.registry = registry;
    this.settings = settings;
    this.migrations = migrations;
    this.aliases = aliases;
    this.access = access;
    this.defaults = defaults;
    this.userConfigs = userConfigs;
  }

  /** A candidate that may serve, or the refusal that says why it may not, with its text for the route. */
  private record Check(@Nullable CatalogEntry entry, @Nullable ProviderInstance instance,
      @Nullable Refusal refusal, @Nullable String problem) {
    static Check ok(CatalogEntry entry, ProviderInstance instance) {
      return new Check(entry, instance, null, null);
    }

    boolean usable() {
      return refusal == null;
    }
  }

  // ---- which models a caller may use --------------------------------------------------------------------------

  /**
   * The models the caller may use now, as routing judges a hop (enabled, on a switched-on provider the caller can
   * see that is not down, allowed by the access policy), optionally of one category and one provider.
   */
  public List<CatalogEntry> usable(CallerContext caller, @Nullable ModelCategory category,
      @Nullable String provider) {
    Map<String, ProviderInstance> instances = new HashMap<>();
    for (ProviderInstance i : visibleProviders(caller)) {
      instances.put(i.id(), i);
    }
    List<CatalogEntry> result = new ArrayList<>();
    for (CatalogEntry e : catalog.list(new ModelFilter(provider, category, ModelStatus.ENABLED, null, null))) {
      ProviderInstance instance = instances.get(e.id().instance());
      if (instance != null && judge(e, instance, caller).usable()) {
        result.add(e);
      }
    }
    return result;
  }

  /** The model {@code id} if the caller may use it now (in any category), judged as {@link #usable}. */
  public Optional<CatalogEntry> usable(CallerContext caller, ModelId id) {
    return permitted(caller, id).filter(e -> !states.down(e.id().instance()) && breakers.available(e.id()));
  }

  /**
   * The model {@code id} if the caller may use it when its provider is up: as {@link #usable(CallerContext, ModelId)}
   * but whatever its provider's health (for settings that outlive an outage, such as a preference).
   */
  public Optional<CatalogEntry> permitted(CallerContext caller, ModelId id) {
    Optional<ProviderInstance> instance = visibleProvider(caller, id.instance());
    if (instance.isEmpty()) {
      return Optional.empty();
    }
    // The entries of this id, looked up by it (not the provider's whole catalog scanned for it).
    for (CatalogEntry e : catalog.entries(id)) {
      if (e.status() == ModelStatus.ENABLED && permit(e, instance.get(), caller).usable()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The provider instances the caller can see: shared ones, and private ones they own. */
  public List<ProviderInstance> visibleProviders(CallerContext caller) {
    return registry.list().stream().filter(i -> i.visibleTo(caller.principal())).toList();
  }

  /** The provider {@code id} if the caller can see it. */
  public Optional<ProviderInstance> visibleProvider(CallerContext caller, String id) {
    return registry.find(id).filter(i -> i.visibleTo(caller.principal()));
  }

  // ---- routing --------------------------------------------------------------------------------------------------

  public Route resolve(@Nullable String requested, ModelCategory category, CallerContext caller) {
    List<RouteStep> steps = new ArrayList<>();
    if (requested != null && !requested.isBlank()) {
      return resolveNamed(requested.trim(), category, caller, steps);
    }
    return resolveUnnamed(category, caller, steps);
  }

  private Route resolveNamed(String requested, ModelCategory category, CallerContext caller, List<RouteStep> steps) {
    if (requested.indexOf(':') < 0) {
      Optional<ModelAlias> alias = aliases.find(requested);
      if (alias.isEmpty()) {
        throw new ModelNotFoundException("model '" + requested
            + "' is neither a model id ('<provider>:<model>') nor a known alias");
      }
      for (ModelId id : alias.get().models()) {
        Check check = check(id, category, caller);
        if (check.usable()) {
          steps.add(new RouteStep(Kind.ALIAS, requested + " → " + id));
          return new Route(requested, check.entry, check.instance, RouteSource.ALIAS, steps,
              alias.get().defaults(), null);
        }
        skipped(steps, id.toString(), check);
      }
      throw new NoUsableModelException("no model of alias '" + requested + "' can serve: " + joined(steps));
    }
    ModelId id;
    try {
      id = ModelId.parse(requested);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), "model");
    }
    Check first = check(id, category, caller);
    if (first.usable()) {
      steps.add(new RouteStep(Kind.CHOSEN, id.toString()));
      return new Route(requested, first.entry, first.instance, RouteSource.REQUEST, steps, Map.of(), first.entry);
    }
    switch (first.refusal) {
      case PENDING -> throw new ModelPendingException("model '" + id + "' is pending: an admin must enable it first");
      case WRONG_CATEGORY -> throw new InvalidRequestException("model '" + id + "' " + first.problem, "model");
      case NOT_ALLOWED -> throw new AccessDeniedException("model '" + id + "' " + first.problem);
      case NOT_IN_CATALOG -> {
        Optional<ModelMigration> migration = migrations.from(id);
        if (migration.isEmpty() || !migration.get().automatic()) {
          throw new ModelNotFoundException("model '" + id + "' is not in the catalog");
        }
      }
      case null, default -> { }
    }
    skipped(steps, id.toString(), first);
    return fallBack(requested, id, first.entry, category, caller, steps);
  }

  /**
   * The model a call naming {@code entry} would be served by instead, as {@link #resolve} falls back from a
   * deprecated or disabled model (automatic migration → its provider's default → the global default), judged for
   * {@code caller} now; empty for a model of another status, or when nothing could take its place.
   */
  public Optional<ModelId> fallbackFor(CatalogEntry entry, CallerContext caller) {
    if (entry.status() != ModelStatus.DEPRECATED && entry.status() != ModelStatus.DISABLED) {
      return Optional.empty();
    }
    try {
      return Optional.of(fallBack(entry.id().toString(), entry.id(), entry, entry.category(), caller,
          new ArrayList<>()).servedId());
    } catch (NoUsableModelException e) {
      return Optional.empty();
    }
  }

  private Route fallBack(String requested, ModelId id, @Nullable CatalogEntry requestedEntry, ModelCategory category,
      CallerContext caller, List<RouteStep> steps) {
    // 1. automatic migrations, followed hop by hop
    Set<ModelId> visited = new HashSet<>();
    ModelId current = id;
    for (int hop = 0; hop < MAX_MIGRATION_HOPS && visited.add(current); hop++) {
      Optional<ModelMigration> migration = migrations.from(current);
      if (migration.isEmpty() || !migration.get().automatic()) {
        break;
      }
      ModelId next = migration.get().to();
      Check check = check(next, category, caller);
      if (check.usable()) {
        steps.add(new RouteStep(Kind.MIGRATION, current + " → " + next));
        return new Route(requested, check.entry, check.instance, RouteSource.REQUEST, steps, Map.of(),
            requestedEntry);
      }
      skipped(steps, "migration target " + next, check);
      current = next;
    }
    // 2. the provider's default for the category, 3. the global default
    ModelId providerDefault = registry.find(id.instance()).map(p -> p.defaultModel(category)).orElse(null);
    Optional<Route> route = fallBackTo(providerDefault, Kind.PROVIDER_DEFAULT, "provider default", requested, id,
        requestedEntry, category, caller, steps)
        .or(() -> fallBackTo(globalDefault(category), Kind.GLOBAL_DEFAULT, "global default", requested, id,
            requestedEntry, category, caller, steps));
    return route.orElseThrow(() -> new NoUsableModelException("model '" + id
        + "' cannot serve and no fallback can: " + joined(steps)));
  }

  private Optional<Route> fallBackTo(@Nullable ModelId candidate, Kind kind, String label, String requested,
      ModelId id, @Nullable CatalogEntry requestedEntry, ModelCategory category, CallerContext caller,
      List<RouteStep> steps) {
    if (candidate == null || candidate.equals(id)) {
      return Optional.empty();
    }
    Check check = check(candidate, category, caller);
    if (!check.usable()) {
      skipped(steps, label + " " + candidate, check);
      return Optional.empty();
    }
    steps.add(new RouteStep(kind, candidate.toString()));
    return Optional.of(new Route(requested, check.entry, check.instance, RouteSource.REQUEST, steps, Map.of(),
        requestedEntry));
  }

  private Route resolveUnnamed(ModelCategory category, CallerContext caller, List<RouteStep> steps) {
    Conversation conversation = caller.conversation();
    if (conversation != null) {
      Optional<Route> r = tryCandidate(settings.pinnedModel(conversation).orElse(null),
          RouteSource.CONVERSATION, category, caller, steps);
      if (r.isPresent()) {
        return r.get();
      }
    }
    if (caller.agentId() != null) {
      Optional<Route> r = tryCandidate(settings.agentDefault(caller.agentId(), category).orElse(null),
          RouteSource.AGENT_DEFAULT, category, caller, steps);
      if (r.isPresent()) {
        return r.get();
      }
    }
    if (caller.principal() != null) {
      Optional<Route> r = tryCandidate(settings.userDefault(caller.principal(), category).orElse(null),
          RouteSource.USER_PREFERENCE, category, caller, steps);
      if (r.isPresent()) {
        return r.get();
      }
      // A user's provider configs count as their preference: the default one, then their first with a model
      // (seed 003's priority).
      List<UserProviderConfig> configs = userConfigs.list(caller.principal());
      List<ModelId> configured = new ArrayList<>();
      configs.stream().filter(UserProviderConfig::isDefault).forEach(c -> configured.add(c.defaultModel()));
      configs.stream().filter(c -> !c.isDefault()).forEach(c -> configured.add(c.defaultModel()));
      for (ModelId model : configured) {
        r = tryCandidate(model, RouteSource.USER_PREFERENCE, category, caller, steps);
        if (r.isPresent()) {
          return r.get();
        }
      }
    }
    if (caller.orgId() != null) {
      Optional<Route> r = tryCandidate(settings.orgDefault(caller.orgId(), category).orElse(null),
          RouteSource.ORG_DEFAULT, category, caller, steps);
      if (r.isPresent()) {
        return r.get();
      }
    }
    Optional<Route> server = tryCandidate(globalDefault(category), RouteSource.SERVER_DEFAULT,
        category, caller, steps);
    if (server.isPresent()) {
      return server.get();
    }
    for (CatalogEntry entry : (Iterable<CatalogEntry>) catalog.stream(
        new ModelFilter(null, category, ModelStatus.ENABLED, null, null))::iterator) {
      if (states.down(entry.id().instance())) {
        continue;
      }
      Check check = check(entry.id(), category, caller);
      if (check.usable()) {
        steps.add(new RouteStep(Kind.FIRST_AVAILABLE, entry.id().toString()));
        return new Route(null, check.entry, check.instance, RouteSource.FIRST_AVAILABLE, steps, Map.of(), null);
      }
    }
    throw new NoUsableModelException("no enabled " + category.wireName() + " model is available"
        + (steps.isEmpty() ? "" : ": " + joined(steps)));
  }

  private Optional<Route> tryCandidate(@Nullable ModelId id, RouteSource source, ModelCategory category,
      CallerContext caller, List<RouteStep> steps) {
    Kind kind = source.step();
    if (id == null) {
      return Optional.empty();
    }
    Check check = check(id, category, caller);
    if (check.usable()) {
      steps.add(new RouteStep(kind, id.toString()));
      return Optional.of(new Route(null, check.entry, check.instance, source, steps, Map.of(), null));
    }
    skipped(steps, kind.wireName() + " " + id, check);
    return Optional.empty();
  }

  private static void skipped(List<RouteStep> steps, String what, Check check) {
    steps.add(new RouteStep(Kind.SKIPPED, what + " " + check.problem));
  }

  private @Nullable ModelId globalDefault(ModelCategory category) {
    return settings.globalDefault(category).orElse(defaults.get(category));
  }

  /**
   * Seed 000 names a node's model {@code client:<node>:<model>}: that is the node's own id
   * ({@code <node>:<model>}) unless a provider is itself called {@code client}.
   */
  private ModelId clientAlias(ModelId id) {
    if (!id.instance().equals("client") || registry.find("client").isPresent()) {
      return id;
    }
    int colon = id.model().indexOf(':');
    if (colon <= 0 || !ModelId.isInstanceId(id.model().substring(0, colon))
        || registry.find(id.model().substring(0, colon)).isEmpty()) {
      return id;
    }
    return ModelId.parse(id.model());
  }

  private Check check(ModelId asked, ModelCategory category, CallerContext caller) {
    ModelId id = clientAlias(asked);
    Optional<ProviderInstance> instance = registry.find(id.instance());
    if (instance.isEmpty() || !instance.get().visibleTo(caller.principal())) {
      return new Check(null, null, Refusal.NOT_IN_CATALOG, "is not in the catalog");
    }
    Optional<CatalogEntry> entry = catalog.find(id, category);
    if (entry.isEmpty()) {
      boolean otherCategory = !catalog.entries(id).isEmpty();
      return otherCategory
          ? new Check(null, instance.get(), Refusal.WRONG_CATEGORY, "is not a " + category.wireName() + " model")
          : new Check(null, instance.get(), Refusal.NOT_IN_CATALOG, "is not in the catalog");
    }
    Check judged = judge(entry.get(), instance.get(), caller);
    if (judged.refusal == Refusal.PROVIDER_DOWN || judged.refusal == Refusal.CIRCUIT_OPEN) {
      // The same model on another node of its pool serves instead.
      List<Target> peers = peers(new Target(entry.get(), instance.get()), caller);
      if (!peers.isEmpty()) {
        return Check.ok(peers.getFirst().entry(), peers.getFirst().instance());
      }
    }
    return judged;
  }

  /** Whether a catalog entry on a provider the caller can see may serve them now. */
  private Check judge(CatalogEntry e, ProviderInstance instance, CallerContext caller) {
    Check permit = permit(e, instance, caller);
    if (permit.usable() && states.down(instance.id())) {
      return new Check(e, instance, Refusal.PROVIDER_DOWN, "is on provider '" + instance.id() + "', which is down");
    }
    if (permit.usable() && !breakers.available(e.id())) {
      Duration wait = breakers.retryIn(e.id());
      return new Check(e, instance, Refusal.CIRCUIT_OPEN, "is failing: its circuit is open"
          + (wait == null ? "" : " for " + Math.max(1, wait.toSeconds()) + " s more"));
    }
    return permit;
  }

  /** Whether a catalog entry on a provider the caller can see may serve them, whatever its provider's health. */
  private Check permit(CatalogEntry e, ProviderInstance instance, CallerContext caller) {
    if (!instance.enabled()) {
      return new Check(e, instance, Refusal.PROVIDER_OFF,
          "is on provider '" + instance.id() + "', which is switched off");
    }
    switch (e.status()) {
      case PENDING -> {
        return new Check(e, instance, Refusal.PENDING, "is pending");
      }
      case DISABLED -> {
        return new Check(e, instance, Refusal.DISABLED, "is disabled");
      }
      case DEPRECATED -> {
        return new Check(e, instance, Refusal.DEPRECATED, "is deprecated");
      }
      case ENABLED -> { }
    }
    Optional<String> denied = access.denies(caller, e, instance);
    if (denied.isPresent()) {
      return new Check(e, instance, Refusal.NOT_ALLOWED, "is not allowed: " + denied.get());
    }
    return Check.ok(e, instance);
  }

  // ---- targets --------------------------------------------------------------------------------------------------

  /** The option that puts a provider instance in a pool of nodes serving the same models; {@code none} for none. */
  public static final String POOL_OPTION = "pool";

  /**
   * Where a call routed as {@code route} may go, in order: the served model on every node of its pool that the
   * caller may use now, then the alias's later models (or, for a model asked for by name or chosen by default, its
   * provider's default and the global default), each on its own pool. Every hop is checked as routing checks one
   * (status, health, circuit, visibility, the access policy), and a fallback that lacks what the call
   * {@code needs} is left out.
   */
  public Plan plan(Route route, Needs needs, CallerContext caller) {
    Target primary = new Target(route.served(), route.instance());
    ModelCategory category = route.served().category();
    Set<ModelId> seen = new HashSet<>();
    List<List<Target>> groups = new ArrayList<>();
    List<Target> first = new ArrayList<>();
    first.add(primary);
    first.addAll(peers(primary, caller).stream().filter(t -> meets(t, primary, needs)).toList());
    first.forEach(t -> seen.add(t.id()));
    groups.add(first);

    BalanceStrategy strategy = BalanceStrategy.DEFAULT;
    List<ModelId> chain = new ArrayList<>();
    Optional<ModelAlias> alias = route.source() == RouteSource.ALIAS && route.requested() != null
        ? aliases.find(route.requested()) : Optional.empty();
    if (alias.isPresent()) {
      strategy = alias.get().balancing();
      List<ModelId> models = alias.get().models();
      int at = models.indexOf(primary.id());
      chain.addAll(models.subList(at < 0 ? 0 : at + 1, models.size()));
    } else {
      ModelId providerDefault = route.instance().defaultModel(category);
      if (providerDefault != null) {
        chain.add(providerDefault);
      }
      ModelId global = globalDefault(category);
      if (global != null) {
        chain.add(global);
      }
    }
    for (ModelId id : chain) {
      if (seen.contains(id)) {
        continue;
      }
      Check check = check(id, category, caller);
      if (!check.usable() || check.entry == null || check.instance == null) {
        continue;
      }
      Target fallback = new Target(check.entry, check.instance);
      if (seen.contains(fallback.id()) || needs.unmetBy(fallback.entry()) != null) {
        continue;
      }
      List<Target> group = new ArrayList<>();
      group.add(fallback);
      group.addAll(peers(fallback, caller).stream().filter(t -> !seen.contains(t.id()) && meets(t, fallback, needs))
          .toList());
      group.forEach(t -> seen.add(t.id()));
      groups.add(group);
    }
    return new Plan(groups, strategy);
  }

  /**
   * Whether a node of the same pool as {@code model} can take the call: it needs what the call needs, except what
   * the chosen node's own catalog entry does not say either (the same model, described alike).
   */
  private static boolean meets(Target peer, Target model, Needs needs) {
    Needs strict = new Needs(needs.capabilities().stream()
        .filter(c -> model.entry().capabilities().contains(c)).collect(java.util.stream.Collectors.toSet()),
        needs.prompt());
    return strict.unmetBy(peer.entry()) == null;
  }

  /**
   * The other nodes that serve {@code target}'s model and that the caller may use now: instances of the same pool
   * (the {@value #POOL_OPTION} option, or by default every Ollama and Open WebUI node) listing a model of the same
   * name in the same category, in registry order.
   */
  private List<Target> peers(Target target, CallerContext caller) {
    String pool = pool(target.instance());
    if (pool == null) {
      return List.of();
    }
    List<Target> peers = new ArrayList<>();
    for (ProviderInstance other : registry.list()) {
      if (other.id().equals(target.provider()) || !pool.equals(pool(other)) || !other.visibleTo(caller.principal())) {
        continue;
      }
      ModelId id = new ModelId(other.id(), target.id().model());
      Optional<CatalogEntry> entry = catalog.find(id, target.entry().category());
      if (entry.isPresent() && judge(entry.get(), other, caller).usable()) {
        peers.add(new Target(entry.get(), other));
      }
    }
    return peers;
  }

  private static @Nullable String pool(ProviderInstance instance) {
    String named = instance.options().get(POOL_OPTION);
    if (named != null && !named.isBlank()) {
      return named.strip().equalsIgnoreCase("none") ? null : "pool:" + named.strip();
    }
    return instance.kind() == ProviderKind.OLLAMA || instance.kind() == ProviderKind.OPENWEBUI ? "local-nodes" : null;
  }

  private static String joined(List<RouteStep> steps) {
    return String.join("; ", steps.stream().map(RouteStep::toString).toList());
  }
}
