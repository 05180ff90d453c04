package io.modelgate.adapter.http;

import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.routing.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which models a caller may use, as the router judges a hop: enabled, on a switched-on provider the caller can see
 * (private nodes only to their owner), and allowed by the access policy (the org's allowed models).
 */
@Singleton
final class ModelAccess {
  private final ModelCatalog catalog;
  private final ProviderRegistry registry;
  private final AccessPolicy policy;

  @Inject
  ModelAccess(ModelCatalog catalog, ProviderRegistry registry, AccessPolicy policy) {
    this.catalog = catalog;
    this.registry = registry;
    this.policy = policy;
  }

  List<CatalogEntry> usable(CallerContext caller, @Nullable ModelCategory category, @Nullable String provider) {
    Map<String, ProviderInstance> instances = registry.list().stream()
        .collect(Collectors.toMap(ProviderInstance::id, Function.identity(), (a, b) -> a));
    return catalog.list(new ModelFilter(provider, category, ModelStatus.ENABLED, null, null)).stream()
        .filter(e -> mayUse(caller, e, instances.get(e.id().instance())))
        .toList();
  }

  Optional<CatalogEntry> usable(CallerContext caller, ModelId id) {
    Optional<ProviderInstance> instance = registry.find(id.instance());
    return catalog.list(new ModelFilter(id.instance(), null, ModelStatus.ENABLED, null, null)).stream()
        .filter(e -> e.id().equals(id) && mayUse(caller, e, instance.orElse(null)))
        .findFirst();
  }

  /** The provider instances the caller can see: shared ones, and private ones they own. */
  List<ProviderInstance> visibleProviders(CallerContext caller) {
    return registry.list().stream().filter(i -> i.visibleTo(caller.principal())).toList();
  }

  Optional<ProviderInstance> visibleProvider(CallerContext caller, String id) {
    return registry.find(id).filter(i -> i.visibleTo(caller.principal()));
  }

  private boolean mayUse(CallerContext caller, CatalogEntry entry, @Nullable ProviderInstance instance) {
    return instance != null && instance.enabled() && instance.visibleTo(caller.principal())
        && policy.denies(caller, entry, instance).isEmpty();
  }
}
