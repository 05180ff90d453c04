package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies the handlers parse ({@link Call#body(Class)}), one record per body: public to Moshi,
 * invisible outside the package. {@code /openapi.json} describes each body from its record ({@link WireSchema}):
 * a field is required unless {@link Nullable}; {@code Object} is a field that takes more than one JSON type.
 */
final class RequestWire {
  private RequestWire() {}

  /**
   * OpenAI's chat-completions request. {@code stop} is a string or an array of strings; {@code tool_choice} is
   * {@code auto}, {@code none}, {@code required} or {@code {type: function, function: {name}}}; fields not named
   * here pass through to the provider unchanged.
   */
  public record ChatCompletion(
      @Nullable String model,
      List<Message> messages,
      @Nullable Boolean stream,
      @Json(name = "stream_options") @Nullable StreamOptions streamOptions,
      @Nullable Double temperature,
      @Json(name = "top_p") @Nullable Double topP,
      @Json(name = "max_tokens") @Nullable Integer maxTokens,
      @Json(name = "max_completion_tokens") @Nullable Integer maxCompletionTokens,
      @Nullable Object stop,
      @Nullable Long seed,
      @Json(name = "presence_penalty") @Nullable Double presencePenalty,
      @Json(name = "frequency_penalty") @Nullable Double frequencyPenalty,
      @Nullable Integer n,
      @Nullable Boolean logprobs,
      @Json(name = "top_logprobs") @Nullable Integer topLogprobs,
      @Nullable List<Tool> tools,
      @Json(name = "tool_choice") @Nullable Object toolChoice,
      @Json(name = "response_format") @Nullable ResponseFormat responseFormat,
      @Json(name = "conversation_id") @Nullable String conversationId) {}

  /** One message; {@code content} is a string or an array of parts ({@code text}, {@code image_url}). */
  public record Message(
      String role,
      @Nullable Object content,
      @Nullable String name,
      @Json(name = "tool_calls") @Nullable List<ToolCall> toolCalls,
      @Json(name = "tool_call_id") @Nullable String toolCallId) {}

  public record ToolCall(String id, @Nullable String type, FunctionCall function) {}

  public record FunctionCall(String name, @Nullable String arguments) {}

  public record Tool(@Nullable String type, Function function) {}

  /** {@code parameters} is a JSON Schema object. */
  public record Function(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {}

  public record StreamOptions(@Json(name = "include_usage") @Nullable Boolean includeUsage) {}

  /** {@code type} is text, json_object or json_schema (which needs {@code json_schema.schema}). */
  public record ResponseFormat(String type, @Json(name = "json_schema") @Nullable JsonSchema jsonSchema) {}

  public record JsonSchema(@Nullable String name, @Nullable Map<String, Object> schema) {}

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
      @Nullable List<Message> messages,
      @Nullable List<Message> history,
      @Json(name = "conversation_id") @Nullable String conversationId) {}
}
