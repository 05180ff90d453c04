package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Ollama's API shapes, as we send them: public to Moshi, invisible outside the package. */
final class OllamaWire {
  private OllamaWire() {}

  public record Version(String version) {}

  public record ModelList(List<Model> models) {}

  /** One model of {@code /api/tags} and {@code /api/ps}; the last two fields only in {@code /api/ps}. */
  public record Model(String name, String model, @Json(name = "modified_at") String modifiedAt, long size,
      String digest, Details details, @Json(name = "expires_at") @Nullable String expiresAt,
      @Json(name = "size_vram") @Nullable Long sizeVram) {}

  public record Details(@Json(name = "parent_model") String parentModel, String format, String family,
      List<String> families, @Json(name = "parameter_size") String parameterSize,
      @Json(name = "quantization_level") String quantizationLevel) {}

  public record Show(String modelfile, String parameters, String template, Details details,
      @Json(name = "model_info") Map<String, Object> modelInfo, List<String> capabilities,
      @Json(name = "modified_at") String modifiedAt) {}

  public record Message(String role, String content, @Nullable String thinking,
      @Json(name = "tool_calls") @Nullable List<ToolCall> toolCalls) {}

  public record ToolCall(Function function) {}

  public record Function(String name, OpenAiWire.RawJson arguments) {}

  /** A line of {@code /api/chat}; the counts only on the last ({@code done: true}). */
  public record ChatLine(String model, @Json(name = "created_at") String createdAt, Message message, boolean done,
      @Json(name = "done_reason") @Nullable String doneReason,
      @Json(name = "total_duration") @Nullable Long totalDuration,
      @Json(name = "load_duration") @Nullable Long loadDuration,
      @Json(name = "prompt_eval_count") @Nullable Long promptEvalCount,
      @Json(name = "eval_count") @Nullable Long evalCount) {}

  /** A line of {@code /api/generate}; the counts only on the last ({@code done: true}). */
  public record GenerateLine(String model, @Json(name = "created_at") String createdAt, String response,
      @Nullable String thinking, boolean done,
      @Json(name = "done_reason") @Nullable String doneReason,
      @Json(name = "total_duration") @Nullable Long totalDuration,
      @Json(name = "load_duration") @Nullable Long loadDuration,
      @Json(name = "prompt_eval_count") @Nullable Long promptEvalCount,
      @Json(name = "eval_count") @Nullable Long evalCount) {}

  public record Embed(String model, List<float[]> embeddings,
      @Json(name = "total_duration") long totalDuration,
      @Json(name = "load_duration") long loadDuration,
      @Json(name = "prompt_eval_count") long promptEvalCount) {}

  public record LegacyEmbedding(float[] embedding) {}
}
