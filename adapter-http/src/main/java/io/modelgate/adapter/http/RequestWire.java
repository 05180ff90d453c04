package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.wire.ChatCompletionWire;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies the handlers parse ({@link Call#body(Class)}), one record per body: public to Moshi,
 * invisible outside the package. {@code /openapi.json} describes each body from its record ({@link WireSchema}):
 * a field is required unless {@link Nullable}; {@code Object} is a field that takes more than one JSON type.
 */
final class RequestWire {
  private RequestWire() {}

  // OpenAI's chat-completions request is ChatCompletionWire.Request (module wire): the OpenAI provider writes it too.

  /** OpenAI's embeddings request; {@code input} is a string or an array of strings. */
  public record Embeddings(
      @Nullable String model,
      Object input,
      @Json(name = "encoding_format") @Nullable String encodingFormat,
      @Nullable Integer dimensions) {}

  /** OpenAI's image generation request. */
  public record Images(
      @Nullable String model,
      String prompt,
      @Nullable Integer n,
      @Nullable String size,
      @Nullable String quality,
      @Nullable String style,
      @Json(name = "response_format") @Nullable String responseFormat,
      @Nullable String user) {}

  /** OpenAI's speech request. */
  public record Speech(
      @Nullable String model,
      String input,
      @Nullable String voice,
      @Json(name = "response_format") @Nullable String responseFormat,
      @Nullable Double speed) {}

  /**
   * The catalog API's chat ({@code /ai/chat}, {@code /ai/stream}): a {@code prompt}, or {@code messages} (after
   * any {@code history}); a conversation sticks to the model that first served it.
   */
  public record CatalogChat(
      @Nullable String model,
      @Nullable String prompt,
      @Nullable List<ChatCompletionWire.Message> messages,
      @Nullable List<ChatCompletionWire.Message> history,
      @Json(name = "conversation_id") @Nullable String conversationId) {}
}
