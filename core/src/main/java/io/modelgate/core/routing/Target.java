package io.modelgate.core.routing;

import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;

/** One place a call can go: a model on a provider instance (a node). */
public record Target(CatalogEntry entry, ProviderInstance instance) {
  public Target {
    if (entry == null || instance == null) {
      throw new IllegalArgumentException("a target needs its 'entry' and 'instance'");
    }
    if (!entry.id().instance().equals(instance.id())) {
      throw new IllegalArgumentException("model '" + entry.id() + "' is not on provider '" + instance.id() + "'");
    }
  }

  public ModelId id() {
    return entry.id();
  }

  public String provider() {
    return instance.id();
  }

  @Override
  public String toString() {
    return entry.id().toString();
  }
}
