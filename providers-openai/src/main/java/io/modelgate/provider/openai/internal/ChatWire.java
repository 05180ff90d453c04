package io.modelgate.provider.openai.internal;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The chat-completions answer's wire types: public to Moshi, invisible outside the package. */
final class ChatWire {
  private ChatWire() {}

  // The request is ChatCompletionWire's (module wire), which the inbound /v1/chat/completions parses too.

  /** A content part of a request message whose content is more than one text. */
  public record Part(String type, @Nullable String text, @Json(name = "image_url") @Nullable ImageUrl imageUrl) {}

  public record ImageUrl(String url, @Nullable String detail) {}

  // ---- the streamed answer --------------------------------------------------------------------------------------

  public record Chunk(@Nullable String id, @Nullable String model, @Nullable List<Choice> choices,
      @Nullable Usage usage, @Nullable ErrorBody error,
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
