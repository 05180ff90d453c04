package io.modelgate.core.routing;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelPendingException;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides which model serves a request. Priority: the model (or alias) named in the request → the conversation's
 * pinned model → the user's preference → the org's default → the server default → the first healthy enabled model
 * of the category. A named model that is deprecated or disabled falls back: automatic migration → its provider's
 * default for the category → the global default; a pending one is refused. Every hop is checked against
 * visibility and the {@link AccessPolicy}. Thread-safe.
 */
public final class ModelRouter {
  private static final int MAX_MIGRATION_HOPS = 8;

  private final ModelCatalog catalog;
  private final ProviderRegistry registry;
  private final SettingsStore settings;
  private final MigrationStore migrations;
  private final AliasStore aliases;
  private final AccessPolicy access;
  private final RoutingDefaults defaults;
  private final ProviderConfigStore userConfigs;

  @Inject
  public ModelRouter(ModelCatalog catalog, ProviderRegistry registry, SettingsStore settings,
      MigrationStore migrations, AliasStore aliases, AccessPolicy access, RoutingDefaults defaults,
      ProviderConfigStore userConfigs) {
    this.catalog = catalog;
    this.registry = registry;
    this.settings = settings;
    this.migrations = migrations;
    this.aliases = aliases;
    this.access = access;
    this.defaults = defaults;
    this.userConfigs = userConfigs;
  }

  /** A candidate that may serve, or why it may not. */
  private record Check(@Nullable CatalogEntry entry, @Nullable ProviderInstance instance, @Nullable String problem,
      boolean pending) {
    boolean usable() {
      return problem == null;
    }
  }

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
          steps.add(new RouteStep("alias", requested + " → " + id));
          return new Route(requested, check.entry, check.instance, RouteSource.ALIAS, steps,
              alias.get().defaults(), null);
        }
        steps.add(new RouteStep("skipped", id + " " + check.problem));
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
      steps.add(new RouteStep("chosen", id.toString()));
      return new Route(requested, first.entry, first.instance, RouteSource.REQUEST, steps, Map.of(), first.entry);
    }
    if (first.pending) {
      throw new ModelPendingException("model '" + id + "' is pending: an admin must enable it first");
    }
    if (first.entry == null) {
      if (first.instance != null && first.problem != null && first.problem.startsWith("is not a ")) {
        throw new InvalidRequestException("model '" + id + "' " + first.problem, "model");
      }
      Optional<ModelMigration> migration = migrations.from(id);
      if (migration.isEmpty() || !migration.get().automatic()) {
        throw new ModelNotFoundException("model '" + id + "' is not in the catalog");
      }
    } else if (first.problem != null && first.problem.startsWith("is not allowed")) {
      throw new AccessDeniedException("model '" + id + "' " + first.problem);
    }
    steps.add(new RouteStep("skipped", id + " " + first.problem));
    return fallBack(requested, id, first.entry, category, caller, steps);
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
        steps.add(new RouteStep("migration", current + " → " + next));
        return new Route(requested, check.entry, check.instance, RouteSource.REQUEST, steps, Map.of(),
            requestedEntry);
      }
      steps.add(new RouteStep("skipped", "migration target " + next + " " + check.problem));
      current = next;
    }
    // 2. the provider's default for the category
    Optional<ProviderInstance> provider = registry.find(id.instance());
    ModelId providerDefault = provider.map(p -> p.defaultModel(category)).orElse(null);
    if (providerDefault != null && !providerDefault.equals(id)) {
      Check check = check(providerDefault, category, caller);
      if (check.usable()) {
        steps.add(new RouteStep("provider-default", providerDefault.toString()));
        return new Route(requested, check.entry, check.instance, RouteSource.REQUEST, steps, Map.of(),
            requestedEntry);
      }
      steps.add(new RouteStep("skipped", "provider default " + providerDefault + " " + check.problem));
    }
    // 3. the global default
    ModelId global = globalDefault(category);
    if (global != null && !global.equals(id)) {
      Check check = check(global, category, caller);
      if (check.usable()) {
        steps.add(new RouteStep("global-default", global.toString()));
        return new Route(requested, check.entry, check.instance, RouteSource.REQUEST, steps, Map.of(),
            requestedEntry);
      }
      steps.add(new RouteStep("skipped", "global default " + global + " " + check.problem));
    }
    throw new NoUsableModelException("model '" + id + "' cannot serve and no fallback can: " + joined(steps));
  }

  private Route resolveUnnamed(ModelCategory category, CallerContext caller, List<RouteStep> steps) {
    if (caller.conversationId() != null) {
      Optional<Route> r = tryCandidate(settings.pinnedModel(caller.conversationId()).orElse(null),
          RouteSource.CONVERSATION, category, caller, steps);
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
      // A user's default provider config counts as their preference.
      ModelId configured = userConfigs.userDefault(caller.principal())
          .map(UserProviderConfig::defaultModel).orElse(null);
      r = tryCandidate(configured, RouteSource.USER_PREFERENCE, category, caller, steps);
      if (r.isPresent()) {
        return r.get();
      }
    }
    if (caller.orgId() != null) {
      Optional<Route> r = tryCandidate(settings.orgDefault(caller.orgId(), category).orElse(null),
          RouteSource.ORG_DEFAULT, category, caller, steps);
      if (r.isPresent()) {
        return r.get();
      }
    }
    Optional<Route> server = tryCandidate(globalDefault(category), RouteSource.SERVER_DEFAULT, category, caller,
        steps);
    if (server.isPresent()) {
      return server.get();
    }
    Map<String, ProviderState> states = catalog.providerStates();
    for (CatalogEntry entry : catalog.list(new ModelFilter(null, category, ModelStatus.ENABLED, null, null))) {
      ProviderState state = states.get(entry.id().instance());
      if (state != null && state.health() == HealthState.DOWN) {
        continue;
      }
      Check check = check(entry.id(), category, caller);
      if (check.usable()) {
        steps.add(new RouteStep("first-available", entry.id().toString()));
        return new Route(null, check.entry, check.instance, RouteSource.FIRST_AVAILABLE, steps, Map.of(), null);
      }
    }
    throw new NoUsableModelException("no enabled " + category.wireName() + " model is available"
        + (steps.isEmpty() ? "" : ": " + joined(steps)));
  }

  private Optional<Route> tryCandidate(@Nullable ModelId id, RouteSource source, ModelCategory category,
      CallerContext caller, List<RouteStep> steps) {
    if (id == null) {
      return Optional.empty();
    }
    Check check = check(id, category, caller);
    if (check.usable()) {
      steps.add(new RouteStep(source.wireName().replace('_', '-'), id.toString()));
      return Optional.of(new Route(null, check.entry, check.instance, source, steps, Map.of(), null));
    }
    steps.add(new RouteStep("skipped", source.wireName().replace('_', '-') + " " + id + " " + check.problem));
    return Optional.empty();
  }

  private @Nullable ModelId globalDefault(ModelCategory category) {
    return settings.globalDefault(category).orElse(defaults.get(category));
  }

  private Check check(ModelId id, ModelCategory category, CallerContext caller) {
    Optional<ProviderInstance> instance = registry.find(id.instance());
    if (instance.isEmpty() || !instance.get().visibleTo(caller.principal())) {
      return new Check(null, null, "is not in the catalog", false);
    }
    Optional<CatalogEntry> entry = catalog.find(id, category);
    if (entry.isEmpty()) {
      boolean otherCategory = !catalog.list(new ModelFilter(id.instance(), null, null, null, null)).stream()
          .filter(e -> e.id().equals(id)).toList().isEmpty();
      return new Check(null, instance.get(),
          otherCategory ? "is not a " + category.wireName() + " model" : "is not in the catalog", false);
    }
    CatalogEntry e = entry.get();
    if (!instance.get().enabled()) {
      return new Check(e, instance.get(), "is on provider '" + id.instance() + "', which is switched off", false);
    }
    switch (e.status()) {
      case PENDING -> {
        return new Check(e, instance.get(), "is pending", true);
      }
      case DISABLED -> {
        return new Check(e, instance.get(), "is disabled", false);
      }
      case DEPRECATED -> {
        return new Check(e, instance.get(), "is deprecated", false);
      }
      case ENABLED -> { }
    }
    Optional<String> denied = access.denies(caller, e, instance.get());
    if (denied.isPresent()) {
      return new Check(e, instance.get(), "is not allowed: " + denied.get(), false);
    }
    ProviderState state = catalog.providerStates().get(id.instance());
    if (state != null && state.health() == HealthState.DOWN) {
      return new Check(e, instance.get(), "is on provider '" + id.instance() + "', which is down", false);
    }
    return new Check(e, instance.get(), null, false);
  }

  private static String joined(List<RouteStep> steps) {
    return String.join("; ", steps.stream().map(RouteStep::toString).toList());
  }
}
