package io.modelgate.core.model;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A model as one provider listed it (or as a provider module's curated list describes it), already mapped to core
 * terms. {@code model} is the provider's own name, without the instance prefix.
 */
public record DiscoveredModel(
    String model,
    ModelCategory category,
    @Nullable String displayName,
    @Nullable String description,
    @Nullable Integer contextWindow,
    @Nullable Integer maxOutputTokens,
    Set<Capability> capabilities,
    @Nullable Pricing pricing,
    @Nullable String rawMetadata,
    ModelSource source) {

  public DiscoveredModel {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("'model' must not be blank");
    }
    Objects.requireNonNull(category, "'category' must not be null");
    capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    source = source == null ? ModelSource.DISCOVERED : source;
  }

  /** A listed model with only a name and category known. */
  public static DiscoveredModel of(String model, ModelCategory category) {
    return new DiscoveredModel(model, category, null, null, null, null, Set.of(), null, null, ModelSource.DISCOVERED);
  }

  /** This model with gaps filled from {@code curated}: what the provider said wins, the curated list fills in. */
  public DiscoveredModel enrichedBy(DiscoveredModel curated) {
    Set<Capability> caps = capabilities.isEmpty() ? curated.capabilities : capabilities;
    return new DiscoveredModel(model, category,
        displayName != null ? displayName : curated.displayName,
        description != null ? description : curated.description,
        contextWindow != null ? contextWindow : curated.contextWindow,
        maxOutputTokens != null ? maxOutputTokens : curated.maxOutputTokens,
        caps,
        pricing != null && pricing.isKnown() ? pricing : curated.pricing,
        rawMetadata, source);
  }
}
