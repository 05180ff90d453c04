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

  /**
   * What of {@code caller} this policy's answers depend on: two callers of equal scopes are allowed and denied the
   * same models while the admin state stays the same, so what is worked out for one may be shown to the other. By
   * default the whole caller (nothing is shared).
   */
  default Object scope(CallerContext caller) {
    return caller;
  }

  AccessPolicy ALLOW_ALL = (caller, entry, instance) -> Optional.empty();
}
