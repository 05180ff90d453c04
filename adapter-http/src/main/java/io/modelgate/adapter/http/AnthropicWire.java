package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.core.chat.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Anthropic's Messages shapes, as we send them: public to Moshi, invisible outside the package. */
final class AnthropicWire {
  private AnthropicWire() {}

  public record Message(String id, String type, String role, String model, List<Object> content,
      @Json(name = "stop_reason") @Nullable String stopReason,
      @Json(name = "stop_sequence") @Nullable String stopSequence, Counts usage) {}

  public record Counts(
      @Json(name = "input_tokens") long inputTokens,
      @Json(name = "output_tokens") long outputTokens,
      @Json(name = "cache_creation_input_tokens") long cacheCreationInputTokens,
      @Json(name = "cache_read_input_tokens") long cacheReadInputTokens) {}

  /** Anthropic counts input without the cache: what was read from it and written to it are counted apart. */
  static Counts counts(Usage u) {
    return new Counts(Math.max(0, u.promptTokens() - u.cachedTokens() - u.cacheWriteTokens()),
        u.completionTokens(), u.cacheWriteTokens(), u.cachedTokens());
  }

  // ---- content blocks -------------------------------------------------------------------------------------------

  public record TextBlock(String type, String text) {}

  public record ThinkingBlock(String type, String thinking, String signature) {}

  public record RedactedThinkingBlock(String type, String data) {}

  public record ToolUseBlock(String type, String id, String name, OpenAiWire.RawJson input) {}

  // ---- stream events --------------------------------------------------------------------------------------------

  public record MessageStart(String type, Message message) {}

  public record BlockStart(String type, int index, @Json(name = "content_block") Object contentBlock) {}

  public record BlockDelta(String type, int index, Object delta) {}

  public record TextDelta(String type, String text) {}

  public record ThinkingDelta(String type, String thinking) {}

  public record SignatureDelta(String type, String signature) {}

  public record InputJsonDelta(String type, @Json(name = "partial_json") String partialJson) {}

  public record BlockStop(String type, int index) {}

  public record MessageDelta(String type, StopDelta delta, Counts usage) {}

  public record StopDelta(@Json(name = "stop_reason") String stopReason,
      @Json(name = "stop_sequence") @Nullable String stopSequence) {}

  public record Bare(String type) {}

  // ---- count_tokens ---------------------------------------------------------------------------------------------

  public record TokenCount(@Json(name = "input_tokens") long inputTokens) {}
}
