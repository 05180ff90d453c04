package io.modelgate.core.port;

import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelListing;
import java.util.List;

/** Lists the models one provider instance serves, from its own list API. Thread-safe. */
public interface ModelDiscovery {
  /** Calls the provider; throws a {@link io.modelgate.core.error.ModelgateException} when the listing fails. */
  ModelListing listModels();

  /**
   * Well-known models this provider module ships with metadata, used to enrich what {@link #listModels()} returns
   * and to stand in where the provider has no list (or refuses it). Empty by default.
   */
  default List<DiscoveredModel> curatedModels() {
    return List.of();
  }
}
