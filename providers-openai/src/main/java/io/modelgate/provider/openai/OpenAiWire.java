package io.modelgate.provider.openai;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Wire types of the list, embedding and speech calls, and of the curated resource: public to Moshi only. */
final class OpenAiWire {
  private OpenAiWire() {}

  /** One {@code data[]} item of {@code GET /models} (OpenAI) or {@code GET /api/models} (Open WebUI). */
  /**
   * An item of a {@code /models} list. OpenAI lists only id and owner; Requesty's list also describes each model
   * (its context window and output limit, prices in US dollars per token, as numbers or
   * strings, what it supports), all optional here.
   */
  public record ModelEntry(String id, @Nullable String name, @Json(name = "owned_by") @Nullable String ownedBy,
      @Nullable String description,
      @Json(name = "context_window") @Nullable Integer contextWindow,
      @Json(name = "max_output_tokens") @Nullable Integer maxOutputTokens,
      @Json(name = "input_price") @Nullable Object inputPrice,
      @Json(name = "output_price") @Nullable Object outputPrice,
      @Json(name = "cached_price") @Nullable Object cachedPrice,
      @Json(name = "supports_vision") @Nullable Boolean supportsVision,
      @Json(name = "supports_reasoning") @Nullable Boolean supportsReasoning) {}

  public record EmbeddingRequest(
      String model, List<String> input, @Nullable Integer dimensions,
      @Json(name = "encoding_format") String encodingFormat) {}

  public record EmbeddingList(List<Embedding> data, @Nullable EmbeddingUsage usage) {}

  public record Embedding(@Nullable Integer index, List<Double> embedding) {}

  public record EmbeddingUsage(
      @Json(name = "prompt_tokens") @Nullable Long promptTokens,
      @Json(name = "total_tokens") @Nullable Long totalTokens) {}

  public record SpeechRequest(
      String model, String input, String voice,
      @Json(name = "response_format") String responseFormat, @Nullable Double speed) {}

  /** {@code POST /v1/images/generations}; null fields are left out, so a server's defaults apply. */
  public record ImageRequest(
      String model, String prompt, @Nullable Integer n, @Nullable String size, @Nullable String quality,
      @Nullable String style, @Json(name = "response_format") @Nullable String responseFormat) {}

  public record ImageResponse(@Nullable Long created, @Nullable List<ImageData> data, @Nullable ImageUsage usage) {}

  public record ImageData(
      @Nullable String url, @Json(name = "b64_json") @Nullable String b64Json,
      @Json(name = "revised_prompt") @Nullable String revisedPrompt) {}

  /** gpt-image-1's token count; dall-e sends none. */
  public record ImageUsage(
      @Json(name = "input_tokens") @Nullable Long inputTokens,
      @Json(name = "output_tokens") @Nullable Long outputTokens) {}

  // ---- the curated resource (src/main/resources/io/modelgate/provider/openai/curated-models.json) -------------

  public record CuratedFile(String source, Map<String, List<CuratedEntry>> providers) {}

  public record CuratedEntry(
      String id,
      List<String> names,
      List<String> prefixes,
      @Nullable String displayName,
      @Nullable String description,
      String category,
      @Nullable Integer contextWindow,
      @Nullable Integer maxOutputTokens,
      List<String> capabilities,
      @Nullable CuratedPrice pricing) {}

  /** USD per million tokens, as decimal strings. */
  public record CuratedPrice(@Nullable String input, @Nullable String output, @Nullable String cachedInput) {}
}
