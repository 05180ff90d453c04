package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.ToJson;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.wire.ModelWire;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** OpenAI's response shapes, as we send them: public to Moshi, invisible outside the package. */
final class OpenAiWire {
  private OpenAiWire() {}

  // ---- models ---------------------------------------------------------------------------------------------------

  /**
   * OpenAI's model list, which is also Anthropic's page of models ({@code has_more}, {@code first_id},
   * {@code last_id}): one answer for both SDKs' {@code models.list()}.
   */
  public record ModelList(String object, List<Model> data, @Json(name = "has_more") boolean hasMore,
      @Json(name = "first_id") @Nullable String firstId, @Json(name = "last_id") @Nullable String lastId) {
    static ModelList of(List<Model> data) {
      return new ModelList("list", data, false, data.isEmpty() ? null : data.getFirst().id(),
          data.isEmpty() ? null : data.getLast().id());
    }
  }

  /** OpenAI's model object plus Anthropic's ({@code type}, {@code display_name}, {@code created_at}) and ours. */
  public record Model(
      String id,
      String object,
      long created,
      @Json(name = "owned_by") String ownedBy,
      String type,
      @Json(name = "display_name") String displayName,
      @Json(name = "created_at") String createdAt,
      String name,
      String provider,
      String category,
      String status,
      @Nullable String description,
      @Json(name = "context_window") @Nullable Integer contextWindow,
      @Json(name = "max_output_tokens") @Nullable Integer maxOutputTokens,
      List<String> capabilities,
      ModelWire.@Nullable Price pricing,
      @Nullable String successor) {}

  static Model model(CatalogEntry e) {
    return new Model(e.id().toString(), "model", e.discoveredAt().getEpochSecond(), e.id().instance(), "model",
        e.displayName(), e.discoveredAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        e.displayName(), e.id().instance(), e.category().wireName(), e.status().wireName(), e.description(),
        e.contextWindow(), e.maxOutputTokens(), ModelWire.capabilities(e),
        ModelWire.price(e), e.successor() == null ? null : e.successor().toString());
  }

  // ---- chat -----------------------------------------------------------------------------------------------------

  public record Completion(String id, String object, long created, String model, List<Choice> choices,
      UsageCounts usage, @Json(name = "system_fingerprint") @Nullable String systemFingerprint) {}

  public record Choice(int index, Message message, @Nullable Logprobs logprobs,
      @Json(name = "finish_reason") String finishReason) {}

  /** JSON kept as its text and written out as it is. */
  public record RawJson(String json) {}

  /** OpenAI's {@code logprobs}: {@code content} is the array of token entries. */
  public record Logprobs(RawJson content) {
    static @Nullable Logprobs of(@Nullable String content) {
      return content == null ? null : new Logprobs(new RawJson(content));
    }
  }

  public record Message(String role, @Nullable String content, @Nullable String refusal,
      @Json(name = "tool_calls") @Nullable List<ToolCall> toolCalls,
      @Json(name = "reasoning_content") @Nullable String reasoningContent) {}

  public record ToolCall(String id, String type, Function function) {}

  /** A joined choice as OpenAI's assistant message: no content when it only calls tools. */
  static Message assistant(ChatCalls.Choice c) {
    List<ToolCall> calls = c.toolCalls().stream()
        .map(t -> new ToolCall(t.id(), "function", new Function(t.name(), t.arguments())))
        .toList();
    String content = c.text().isEmpty() && !calls.isEmpty() ? null : c.text();
    return new Message("assistant", content, c.refusal(), calls.isEmpty() ? null : calls, c.reasoning());
  }

  public record Function(String name, String arguments) {}

  /** {@code system_fingerprint} is the upstream's, once it has said it. */
  public record Chunk(String id, String object, long created, String model,
      @Json(name = "system_fingerprint") @Nullable String systemFingerprint, List<ChunkChoice> choices,
      @Nullable UsageCounts usage) {}

  public record ChunkChoice(int index, Delta delta, @Nullable Logprobs logprobs,
      @Json(name = "finish_reason") @Nullable String finishReason) {}

  public record Delta(@Nullable String role, @Nullable String content, @Nullable String refusal,
      @Json(name = "tool_calls") @Nullable List<ToolCallDelta> toolCalls,
      @Json(name = "reasoning_content") @Nullable String reasoningContent) {
    Delta(@Nullable String role, @Nullable String content, @Nullable List<ToolCallDelta> toolCalls,
        @Nullable String reasoningContent) {
      this(role, content, null, toolCalls, reasoningContent);
    }
  }

  public record ToolCallDelta(int index, @Nullable String id, @Nullable String type, FunctionDelta function) {}

  public record FunctionDelta(@Nullable String name, String arguments) {}

  public record UsageCounts(
      @Json(name = "prompt_tokens") long promptTokens,
      @Json(name = "completion_tokens") long completionTokens,
      @Json(name = "total_tokens") long totalTokens,
      @Json(name = "prompt_tokens_details") @Nullable PromptDetails promptDetails,
      @Json(name = "completion_tokens_details") @Nullable CompletionDetails completionDetails) {}

  public record PromptDetails(@Json(name = "cached_tokens") long cachedTokens) {}

  public record CompletionDetails(@Json(name = "reasoning_tokens") long reasoningTokens) {}

  /** OpenAI's usage, with both details objects always there (as OpenAI sends them, zeros included). */
  static UsageCounts usage(Usage u) {
    return new UsageCounts(u.promptTokens(), u.completionTokens(), u.totalTokens(),
        new PromptDetails(u.cachedTokens()), new CompletionDetails(u.reasoningTokens()));
  }

  /**
   * A chunk choice as OpenAI writes it: {@code logprobs} and {@code finish_reason} present even when null (clients
   * read the keys), the delta without its null fields.
   */
  static final class ChunkChoiceAdapter {
    @ToJson
    void toJson(JsonWriter writer, ChunkChoice choice, JsonAdapter<Delta> delta, JsonAdapter<Logprobs> logprobs)
        throws IOException {
      writer.beginObject();
      writer.name("index").value(choice.index());
      writer.name("delta");
      delta.toJson(writer, choice.delta());
      boolean nulls = writer.getSerializeNulls();
      writer.setSerializeNulls(true);
      writer.name("logprobs");
      if (choice.logprobs() == null) {
        writer.nullValue();
      } else {
        logprobs.toJson(writer, choice.logprobs());
      }
      writer.name("finish_reason").value(choice.finishReason());
      writer.setSerializeNulls(nulls);
      writer.endObject();
    }
  }

  // ---- embeddings -----------------------------------------------------------------------------------------------

  public record EmbeddingList(String object, List<Embedding> data, String model, EmbeddingUsage usage) {}

  /** {@code embedding} is an array of floats, or base64 text of little-endian float32s when asked. */
  public record Embedding(String object, int index, Object embedding) {}

  public record EmbeddingUsage(@Json(name = "prompt_tokens") long promptTokens,
      @Json(name = "total_tokens") long totalTokens) {}

  // ---- images ---------------------------------------------------------------------------------------------------

  /** OpenAI's image response: {@code created}, one entry per image, and the tokens where the model counts them. */
  public record ImageList(long created, List<ImageData> data, @Nullable ImageUsage usage) {}

  public record ImageData(
      @Nullable String url, @Json(name = "b64_json") @Nullable String b64Json,
      @Json(name = "revised_prompt") @Nullable String revisedPrompt) {}

  public record ImageUsage(
      @Json(name = "input_tokens") long inputTokens, @Json(name = "output_tokens") long outputTokens,
      @Json(name = "total_tokens") long totalTokens) {}
}
