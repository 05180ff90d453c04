package io.modelgate.wire;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's chat-completions request, defined once: {@code /v1/chat/completions} parses it (and {@code /openapi.json}
 * describes it) and the OpenAI-protocol provider writes it upstream. A field is required unless {@link Nullable};
 * {@code Object} is a field that takes more than one JSON type.
 */
public final class ChatCompletionWire {
  private ChatCompletionWire() {}

  /**
   * The request. {@code stop} is a string or an array of strings; {@code tool_choice} is {@code auto}, {@code none},
   * {@code required} or {@code {type: function, function: {name}}}; {@code reasoning_effort} is minimal, low, medium
   * or high (what another protocol's thinking budget becomes); {@code conversation_id} is Modelgate's own (it
   * pins the conversation's model) and never sent upstream. Fields not named here pass through unchanged.
   */
  public record Request(
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
      @Json(name = "reasoning_effort") @Nullable String reasoningEffort,
      @Json(name = "conversation_id") @Nullable String conversationId) {}

  /**
   * One message; {@code content} is a string or an array of parts ({@code text}, {@code image_url}), null beside
   * tool calls.
   */
  public record Message(
      String role,
      @Nullable Object content,
      @Nullable String name,
      @Json(name = "tool_calls") @Nullable List<ToolCall> toolCalls,
      @Json(name = "tool_call_id") @Nullable String toolCallId) {}

  public record ToolCall(String id, @Nullable String type, FunctionCall function) {}

  /** {@code arguments} is the call's JSON arguments as text. */
  public record FunctionCall(String name, @Nullable String arguments) {}

  public record Tool(@Nullable String type, Function function) {}

  /** {@code parameters} is a JSON Schema object. */
  public record Function(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {}

  public record StreamOptions(@Json(name = "include_usage") @Nullable Boolean includeUsage) {}

  /** {@code type} is text, json_object or json_schema (which needs {@code json_schema.schema}). */
  public record ResponseFormat(String type, @Json(name = "json_schema") @Nullable JsonSchema jsonSchema) {}

  public record JsonSchema(@Nullable String name, @Nullable Map<String, Object> schema) {}
}
