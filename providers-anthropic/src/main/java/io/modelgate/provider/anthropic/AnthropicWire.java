package io.modelgate.provider.anthropic;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Anthropic's API speaks, as Moshi records. Public only so Moshi can read them; the holder keeps them out
 * of sight of other packages. Mapped to core types by {@link AnthropicRequests}, {@link AnthropicStreamDecoder},
 * {@link AnthropicDiscovery} and {@link AnthropicErrors}.
 */
final class AnthropicWire {
  private AnthropicWire() {}

  // ---- GET /v1/models -----------------------------------------------------------------------------------------

  public record ModelsPage(
      @Nullable List<ModelInfo> data,
      @Json(name = "has_more") @Nullable Boolean hasMore,
      @Json(name = "first_id") @Nullable String firstId,
      @Json(name = "last_id") @Nullable String lastId) {}

  public record ModelInfo(
      @Nullable String id,
      @Nullable String type,
      @Json(name = "display_name") @Nullable String displayName,
      @Json(name = "created_at") @Nullable String createdAt,
      @Json(name = "max_input_tokens") @Nullable Integer maxInputTokens,
      @Json(name = "max_tokens") @Nullable Integer maxTokens,
      @Nullable Map<String, Object> capabilities) {}

  // ---- POST /v1/messages --------------------------------------------------------------------------------------

  public record MessagesRequest(
      String model,
      @Json(name = "max_tokens") int maxTokens,
      @Nullable String system,
      List<Message> messages,
      @Nullable List<Tool> tools,
      @Json(name = "tool_choice") @Nullable ToolChoice toolChoice,
      @Nullable Double temperature,
      @Json(name = "top_p") @Nullable Double topP,
      @Json(name = "stop_sequences") @Nullable List<String> stopSequences,
      @Json(name = "output_config") @Nullable OutputConfig outputConfig,
      boolean stream) {}

  public record Message(String role, List<Block> content) {}

  /** One content block of a request message; only the fields of its {@code type} are set. */
  public record Block(
      String type,
      @Nullable String text,
      @Nullable String id,
      @Nullable String name,
      @Nullable RawJson input,
      @Json(name = "tool_use_id") @Nullable String toolUseId,
      @Nullable String content,
      @Nullable ImageSource source) {

    static Block text(String text) {
      return new Block("text", text, null, null, null, null, null, null);
    }

    static Block toolUse(String id, String name, RawJson input) {
      return new Block("tool_use", null, id, name, input, null, null, null);
    }

    static Block toolResult(String toolUseId, String content) {
      return new Block("tool_result", null, null, null, null, toolUseId, content, null);
    }

    static Block image(ImageSource source) {
      return new Block("image", null, null, null, null, null, null, source);
    }
  }

  public record ImageSource(
      String type, @Json(name = "media_type") @Nullable String mediaType, @Nullable String data,
      @Nullable String url) {}

  public record Tool(String name, @Nullable String description, @Json(name = "input_schema") RawJson inputSchema) {}

  public record ToolChoice(String type, @Nullable String name) {}

  public record OutputConfig(OutputFormat format) {}

  public record OutputFormat(String type, RawJson schema) {}

  // ---- the event stream ---------------------------------------------------------------------------------------

  /** One event of the Messages stream; which fields are set depends on {@code type}. */
  public record StreamEvent(
      @Nullable String type,
      @Nullable StreamMessage message,
      @Nullable Integer index,
      @Json(name = "content_block") @Nullable ContentBlock contentBlock,
      @Nullable Delta delta,
      @Nullable WireUsage usage,
      @Nullable ErrorDetail error) {}

  public record StreamMessage(@Nullable String id, @Nullable String model, @Nullable WireUsage usage) {}

  public record ContentBlock(
      @Nullable String type, @Nullable String id, @Nullable String name, @Nullable String text,
      @Nullable String thinking, @Nullable String signature, @Nullable String data) {}

  public record Delta(
      @Nullable String type,
      @Nullable String text,
      @Json(name = "partial_json") @Nullable String partialJson,
      @Nullable String thinking,
      @Nullable String signature,
      @Json(name = "stop_reason") @Nullable String stopReason,
      @Json(name = "stop_sequence") @Nullable String stopSequence) {}

  public record WireUsage(
      @Json(name = "input_tokens") @Nullable Long inputTokens,
      @Json(name = "cache_creation_input_tokens") @Nullable Long cacheCreationInputTokens,
      @Json(name = "cache_read_input_tokens") @Nullable Long cacheReadInputTokens,
      @Json(name = "output_tokens") @Nullable Long outputTokens) {}

  // ---- errors -------------------------------------------------------------------------------------------------

  /** {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."},"request_id":"req_..."}}. */
  public record ErrorBody(
      @Nullable String type, @Nullable ErrorDetail error, @Json(name = "request_id") @Nullable String requestId) {}

  public record ErrorDetail(@Nullable String type, @Nullable String message) {}
}
