package io.modelgate.core.routing;

import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ProviderInstance;
import java.util.Optional;

/**
 * Whether a caller may use a model, checked for every hop of a route (the first choice and every fallback).
 * Thread-safe.
 */
public interface AccessPolicy {
  /** The reason the caller may not use {@code entry}, or empty if they may. */
  Optional<String> denies(CallerContext caller, CatalogEntry entry, ProviderInstance instance);

  AccessPolicy ALLOW_ALL = (caller, entry, instance) -> Optional.empty();
}
