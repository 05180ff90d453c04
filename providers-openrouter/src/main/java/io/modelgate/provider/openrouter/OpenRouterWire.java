package io.modelgate.provider.openrouter;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** OpenRouter's list and key wire types: public to Moshi, invisible outside the package. */
final class OpenRouterWire {
  private OpenRouterWire() {}

  /** One {@code data[]} item of {@code GET /api/v1/models}. */
  public record Model(
      String id,
      @Nullable String name,
      @Nullable String description,
      @Json(name = "context_length") @Nullable Integer contextLength,
      @Nullable Architecture architecture,
      @Nullable Prices pricing,
      @Json(name = "top_provider") @Nullable TopProvider topProvider,
      @Json(name = "supported_parameters") @Nullable List<String> supportedParameters) {}

  public record Architecture(
      @Json(name = "input_modalities") @Nullable List<String> inputModalities,
      @Json(name = "output_modalities") @Nullable List<String> outputModalities) {}

  /** USD per token (per request for {@code request}), as decimal strings. */
  public record Prices(
      @Nullable String prompt,
      @Nullable String completion,
      @Nullable String request,
      @Json(name = "input_cache_read") @Nullable String inputCacheRead) {}

  public record TopProvider(
      @Json(name = "context_length") @Nullable Integer contextLength,
      @Json(name = "max_completion_tokens") @Nullable Integer maxCompletionTokens) {}

  /** {@code GET /api/v1/key}. */
  public record KeyEnvelope(KeyInfo data) {}

  public record KeyInfo(
      @Nullable Double limit,
      @Json(name = "limit_remaining") @Nullable Double limitRemaining,
      @Json(name = "limit_reset") @Nullable String limitReset,
      @Nullable Double usage,
      @Json(name = "is_free_tier") @Nullable Boolean freeTier) {}

  /** The paging part of a model list page: {@code links.next} is the next page's URL, null on the last. */
  public record Page(@Nullable Links links) {}

  public record Links(@Nullable String next) {}
}
