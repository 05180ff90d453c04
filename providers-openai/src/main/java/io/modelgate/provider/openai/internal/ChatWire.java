package io.modelgate.provider.openai.internal;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The chat-completions wire types: public to Moshi, invisible outside the package. */
final class ChatWire {
  private ChatWire() {}

  // ---- the request ----------------------------------------------------------------------------------------------

  public record Request(
      String model,
      List<Message> messages,
      boolean stream,
      @Json(name = "stream_options") @Nullable StreamOptions streamOptions,
      @Nullable Double temperature,
      @Json(name = "top_p") @Nullable Double topP,
      @Json(name = "max_tokens") @Nullable Integer maxTokens,
      @Json(name = "max_completion_tokens") @Nullable Integer maxCompletionTokens,
      @Nullable List<String> stop,
      @Nullable Long seed,
      @Json(name = "presence_penalty") @Nullable Double presencePenalty,
      @Json(name = "frequency_penalty") @Nullable Double frequencyPenalty,
      @Nullable Integer n,
      @Nullable Boolean logprobs,
      @Json(name = "top_logprobs") @Nullable Integer topLogprobs,
      @Nullable List<Tool> tools,
      @Json(name = "tool_choice") @Nullable Object toolChoice,
      @Json(name = "response_format") @Nullable Object responseFormat) {}

  public record StreamOptions(@Json(name = "include_usage") boolean includeUsage) {}

  /** {@code content} is a string for one text part, else a list of {@link Part}s; null beside tool calls. */
  public record Message(
      String role,
      @Nullable Object content,
      @Nullable String name,
      @Json(name = "tool_calls") @Nullable List<ToolCall> toolCalls,
      @Json(name = "tool_call_id") @Nullable String toolCallId) {}

  public record Part(String type, @Nullable String text, @Json(name = "image_url") @Nullable ImageUrl imageUrl) {}

  public record ImageUrl(String url, @Nullable String detail) {}

  public record ToolCall(String id, String type, FunctionCall function) {}

  public record FunctionCall(String name, String arguments) {}

  public record Tool(String type, Function function) {}

  /** {@code parameters} is the JSON Schema, parsed, so it is sent as an object and not a string. */
  public record Function(String name, @Nullable String description, Object parameters) {}

  // ---- the streamed answer --------------------------------------------------------------------------------------

  public record Chunk(@Nullable List<Choice> choices, @Nullable Usage usage, @Nullable ErrorBody error,
      @Json(name = "system_fingerprint") @Nullable String systemFingerprint) {}

  public record Choice(
      @Nullable Integer index,
      @Nullable Delta delta,
      @Nullable Delta message,
      @Json(name = "finish_reason") @Nullable String finishReason) {}

  /** A streamed delta, or (in a non-streamed answer) the whole message: the same fields. */
  public record Delta(
      @Nullable String content,
      @Nullable String refusal,
      @Json(name = "reasoning_content") @Nullable String reasoningContent,
      @Nullable String reasoning,
      @Json(name = "tool_calls") @Nullable List<ToolCallDelta> toolCalls) {}

  public record ToolCallDelta(
      @Nullable Integer index, @Nullable String id, @Nullable FunctionDelta function) {}

  public record FunctionDelta(@Nullable String name, @Nullable String arguments) {}

  public record Usage(
      @Json(name = "prompt_tokens") @Nullable Long promptTokens,
      @Json(name = "completion_tokens") @Nullable Long completionTokens,
      @Json(name = "prompt_tokens_details") @Nullable PromptDetails promptDetails,
      @Json(name = "completion_tokens_details") @Nullable CompletionDetails completionDetails,
      /* OpenRouter: what the call was billed, in USD (credits). */
      @Nullable Double cost) {}

  public record PromptDetails(@Json(name = "cached_tokens") @Nullable Long cachedTokens) {}

  public record CompletionDetails(@Json(name = "reasoning_tokens") @Nullable Long reasoningTokens) {}

  /** An error sent inside a 200 stream; {@code code} is a number (OpenRouter) or a string (OpenAI). */
  public record ErrorBody(@Nullable Object code, @Nullable String message) {}
}
