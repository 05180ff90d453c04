package io.modelgate.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One model in the catalog, keyed by its id and category. The raw metadata is the provider's own JSON text for
 * this model, kept as it came.
 */
public record CatalogEntry(
    ModelId id,
    ProviderKind providerKind,
    ModelCategory category,
    String displayName,
    @Nullable String description,
    @Nullable Integer contextWindow,
    @Nullable Integer maxOutputTokens,
    Set<Capability> capabilities,
    @Nullable Pricing pricing,
    ModelStatus status,
    ModelSource source,
    Instant discoveredAt,
    @Nullable Instant enabledAt,
    @Nullable Instant deprecatedAt,
    @Nullable Instant lastSeenAt,
    @Nullable String rawMetadata,
    @Nullable String adminNotes,
    @Nullable ModelId successor) {

  public CatalogEntry {
    Objects.requireNonNull(id, "'id' must not be null");
    Objects.requireNonNull(providerKind, "'providerKind' must not be null");
    Objects.requireNonNull(category, "'category' must not be null");
    if (displayName == null || displayName.isBlank()) {
      displayName = id.model();
    }
    capabilities = capabilities == null || capabilities.isEmpty() ? Set.of() : Set.copyOf(capabilities);
    Objects.requireNonNull(status, "'status' must not be null");
    Objects.requireNonNull(source, "'source' must not be null");
    Objects.requireNonNull(discoveredAt, "'discoveredAt' must not be null");
    if (contextWindow != null && contextWindow <= 0) {
      throw new IllegalArgumentException("'contextWindow' must be positive, was " + contextWindow);
    }
    if (maxOutputTokens != null && maxOutputTokens <= 0) {
      throw new IllegalArgumentException("'maxOutputTokens' must be positive, was " + maxOutputTokens);
    }
  }

  /** A new entry for a model a provider listed, in the status its approval policy gives. */
  public static CatalogEntry discovered(
      String instance, ProviderKind kind, DiscoveredModel model, ModelStatus status, Instant now) {
    return new CatalogEntry(
        new ModelId(instance, model.model()), kind, model.category(), model.displayName(), model.description(),
        model.contextWindow(), model.maxOutputTokens(), model.capabilities(), model.pricing(), status,
        model.source(), now, status == ModelStatus.ENABLED ? now : null, null, now, model.rawMetadata(), null, null);
  }

  public CatalogKey key() {
    return new CatalogKey(id, category);
  }

  /** What {@code usage} costs at this model's price; zero when its price is unknown. */
  public java.math.BigDecimal costOf(io.modelgate.core.chat.Usage usage) {
    return pricing == null ? java.math.BigDecimal.ZERO : pricing.cost(usage);
  }

  /** What {@code images} images cost at the catalog price, with the tokens the provider reported. */
  public java.math.BigDecimal costOfImages(io.modelgate.core.chat.Usage usage, int images) {
    return pricing == null ? java.math.BigDecimal.ZERO : pricing.imageCost(usage, images);
  }

  public boolean has(Capability capability) {
    return capabilities.contains(capability);
  }

  /** This entry in {@code target} status, with the lifecycle timestamps that go with it. */
  public CatalogEntry withStatus(ModelStatus target, Instant now) {
    if (target == status) {
      return this;
    }
    return new CatalogEntry(id, providerKind, category, displayName, description, contextWindow, maxOutputTokens,
        capabilities, pricing, target, source, discoveredAt,
        target == ModelStatus.ENABLED ? now : enabledAt,
        target == ModelStatus.DEPRECATED ? now : null,
        lastSeenAt, rawMetadata, adminNotes, successor);
  }

  public CatalogEntry withAdminNotes(@Nullable String notes) {
    return new CatalogEntry(id, providerKind, category, displayName, description, contextWindow, maxOutputTokens,
        capabilities, pricing, status, source, discoveredAt, enabledAt, deprecatedAt, lastSeenAt, rawMetadata, notes,
        successor);
  }

  public CatalogEntry withSuccessor(@Nullable ModelId next) {
    return new CatalogEntry(id, providerKind, category, displayName, description, contextWindow, maxOutputTokens,
        capabilities, pricing, status, source, discoveredAt, enabledAt, deprecatedAt, lastSeenAt, rawMetadata,
        adminNotes, next);
  }

  /**
   * This entry with the provider-owned fields (name, description, limits, capabilities, pricing, raw metadata) of
   * {@code fresh} and seen at {@code now}; status, notes, successor and timestamps stay as the admin left them.
   */
  public CatalogEntry refreshedFrom(CatalogEntry fresh, Instant now) {
    return new CatalogEntry(id, fresh.providerKind, category, fresh.displayName, fresh.description,
        fresh.contextWindow, fresh.maxOutputTokens, fresh.capabilities, fresh.pricing, status, source, discoveredAt,
        enabledAt, deprecatedAt, now, fresh.rawMetadata, adminNotes, successor);
  }

  /** Whether the provider-owned fields differ from {@code other}'s. */
  public boolean metadataDiffers(CatalogEntry other) {
    return !Objects.equals(displayName, other.displayName)
        || !Objects.equals(description, other.description)
        || !Objects.equals(contextWindow, other.contextWindow)
        || !Objects.equals(maxOutputTokens, other.maxOutputTokens)
        || !Objects.equals(capabilities, other.capabilities)
        || !pricingEquals(pricing, other.pricing)
        || !Objects.equals(rawMetadata, other.rawMetadata);
  }

  private static boolean pricingEquals(@Nullable Pricing a, @Nullable Pricing b) {
    if (a == null || b == null) {
      return a == b;
    }
    return numericEquals(a.inputPerMillion(), b.inputPerMillion())
        && numericEquals(a.outputPerMillion(), b.outputPerMillion())
        && numericEquals(a.cachedInputPerMillion(), b.cachedInputPerMillion())
        && numericEquals(a.perRequest(), b.perRequest());
  }

  private static boolean numericEquals(java.math.@Nullable BigDecimal a, java.math.@Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
