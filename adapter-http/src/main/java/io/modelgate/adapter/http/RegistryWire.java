package io.modelgate.adapter.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The model registry's shapes as the seed documents write them: seed 001's {@code ModelsResponse} and
 * {@code ModelInfo} (camelCase, prices per token) and seed 002's preferences and org-allowed models (snake_case).
 */
final class RegistryWire {
  private RegistryWire() {}

  /** Seed 001 §5.2. */
  public record ModelsResponse(List<ModelInfo> models, Metadata metadata) {}

  /** Seed 001 §5.1; {@code providerId}, {@code category} and {@code displayProvider} are ours, added beside. */
  public record ModelInfo(
      String id,
      String provider,
      String providerName,
      String name,
      @Nullable String description,
      List<String> capabilities,
      boolean premium,
      boolean vision,
      @Nullable Integer contextMax,
      String category,
      String status,
      @Nullable Instant lastChecked,
      @Nullable String errorMessage,
      String providerHealth,
      @Nullable Pricing pricing,
      @Nullable RateLimit rateLimit) {}

  /** USD per token, as the seed asks (our other APIs say per million). */
  public record Pricing(@Nullable BigDecimal input, @Nullable BigDecimal output, String currency) {}

  public record RateLimit(@Nullable Long requestsPerMinute, @Nullable Long tokensPerMinute) {}

  public record Metadata(
      Instant lastUpdated,
      Map<String, ProviderStatus> providers,
      int totalModels,
      boolean cacheHit,
      List<String> userProvidedKeys) {}

  /** {@code catalogStale}: the last listing failed and the models shown are the last good list, of catalogListedAt. */
  public record ProviderStatus(String status, @Nullable Instant lastChecked, int modelCount, @Nullable String error,
      boolean catalogStale, @Nullable Instant catalogListedAt) {}

  /** Seed 002: an org's allowed models. */
  public record OrgModels(
      @com.squareup.moshi.Json(name = "organization_id") String organizationId,
      @com.squareup.moshi.Json(name = "allowed_patterns") List<String> allowedPatterns,
      @com.squareup.moshi.Json(name = "all_models_allowed") boolean allModelsAllowed,
      List<ModelInfo> models) {}
}
