package io.modelgate.core.routing;

import java.util.List;

/**
 * What a caller is shown of the catalog, as a value: callers with equal views are shown the same models, judged by
 * the same rules on the same state, so an answer worked out for one may be given to the other. A view names the
 * state it was taken on (the admin state's version, the provider health's version and the circuits open at the
 * time), so a view taken after any of that moved differs from every view taken before.
 *
 * @param stateVersion the {@link io.modelgate.core.port.AdminStateVersion} the view was taken on
 * @param healthVersion {@link io.modelgate.core.catalog.ProviderStates#version()} at the time
 * @param unavailable the circuits that let no call through at the time ({@link CircuitBreakers#unavailable()})
 * @param access what of the caller the {@link AccessPolicy} judges by ({@link AccessPolicy#scope})
 * @param privateProviders the private provider instances the caller can see (their own), in registry order
 * @param admin whether the caller is an admin (who is shown more of each provider's state)
 */
public record CatalogView(long stateVersion, long healthVersion, List<String> unavailable, Object access,
    List<String> privateProviders, boolean admin) {
  public CatalogView {
    unavailable = List.copyOf(unavailable);
    privateProviders = List.copyOf(privateProviders);
    java.util.Objects.requireNonNull(access, "'access' must not be null");
  }

  /** Whom the view is of, whatever the state: equal for callers shown the same models by the same rules. */
  public List<Object> audience() {
    return List.of(access, privateProviders, admin);
  }

  /** The state the view was taken on: it differs from every earlier one's once anything shown may have changed. */
  public List<Object> state() {
    return List.of(stateVersion, healthVersion, unavailable);
  }
}
