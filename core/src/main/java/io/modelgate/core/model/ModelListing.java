package io.modelgate.core.model;

import java.util.List;
import java.util.Map;

/**
 * What one provider listed: the models mapped to core terms, and how many it listed that have no place in the
 * catalog, by reason ({@code image}, {@code moderation}, {@code no-supported-method}).
 */
public record ModelListing(List<DiscoveredModel> models, Map<String, Integer> skipped) {
  public ModelListing {
    models = List.copyOf(models);
    skipped = Map.copyOf(skipped);
  }

  public static ModelListing of(List<DiscoveredModel> models) {
    return new ModelListing(models, Map.of());
  }
}
