package io.modelgate.core.routing;

import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.AdminStateVersion;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Works out a caller's {@link CatalogView}: which of the catalog {@link ModelRouter#usable} shows them, as a value
 * to keep a prepared answer by. Callers who own no private provider and whom the access policy judges alike share a
 * view, so the views in use are few. Thread-safe.
 */
@Singleton
public final class CatalogViews {
  private final AdminStateVersion version;
  private final ProviderRegistry registry;
  private final AccessPolicy access;
  private final ProviderStates states;
  private final CircuitBreakers breakers;

  @Inject
  public CatalogViews(AdminStateVersion version, ProviderRegistry registry, AccessPolicy access,
      ProviderStates states, CircuitBreakers breakers) {
    this.version = version;
    this.registry = registry;
    this.access = access;
    this.states = states;
    this.breakers = breakers;
  }

  /** The caller's view now; empty when the admin state is not held in memory (nothing may then be kept). */
  public Optional<CatalogView> of(CallerContext caller) {
    // The versions first, then what they stand for: what is read after may only be newer.
    OptionalLong state = version.current();
    if (state.isEmpty()) {
      return Optional.empty();
    }
    long health = states.version();
    List<String> unavailable = breakers.unavailable();
    List<String> own = new ArrayList<>();
    for (ProviderInstance i : registry.list()) {
      if (i.visibility() != Visibility.PUBLIC && i.visibleTo(caller.principal())) {
        own.add(i.id());
      }
    }
    return Optional.of(new CatalogView(state.getAsLong(), health, unavailable, access.scope(caller), own,
        caller.admin()));
  }
}
