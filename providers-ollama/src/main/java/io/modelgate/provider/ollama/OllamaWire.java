package io.modelgate.provider.ollama;

import io.modelgate.provider.http.JsonText;
import io.modelgate.wire.OllamaOptions;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/** Ollama's native JSON, as Moshi records; public only so Moshi can read them. Mapped to core types elsewhere. */
final class OllamaWire {
  /** Reads and writes the wire records; {@link RawJson} values pass through byte for byte. */
  static final Moshi MOSHI = new Moshi.Builder()
      .add(RawJson.class, JsonText.adapter(RawJson::new, RawJson::json)).build();

  private OllamaWire() {}

  /** A JSON value kept as its text: tool arguments and schemas, a {@code format} schema, raw metadata. */
  record RawJson(String json) {
    RawJson {
      if (json == null || json.isBlank()) {
        throw new IllegalArgumentException("'json' must not be blank");
      }
    }

    /** {@code text} as a JSON value, after checking that it is one; {@code what} names it in the error. */
    static RawJson parse(String text, String what) {
      try {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
        reader.skipValue();
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
          throw new IllegalArgumentException("'" + what + "' holds more than one JSON value");
        }
        return new RawJson(text.strip());
      } catch (IOException e) {
        throw new IllegalArgumentException("'" + what + "' is not valid JSON: " + e.getMessage(), e);
      }
    }

    /** This object without the top-level fields {@code names}; other values are copied byte for byte. */
    RawJson without(Set<String> names) {
      Buffer out = new Buffer();
      try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
          JsonWriter writer = JsonWriter.of(out)) {
        reader.beginObject();
        writer.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (names.contains(name)) {
            reader.skipValue();
            continue;
          }
          writer.name(name);
          try (BufferedSource value = reader.nextSource(); BufferedSink sink = writer.valueSink()) {
            sink.writeAll(value);
          }
        }
        reader.endObject();
        writer.endObject();
      } catch (IOException | RuntimeException e) {
        return this;
      }
      return new RawJson(out.readUtf8());
    }

    <T> T as(Class<T> type) throws IOException {
      T value = MOSHI.adapter(type).fromJson(json);
      if (value == null) {
        throw new JsonDataException("expected " + type.getSimpleName() + ", got null");
      }
      return value;
    }
  }


  // ---- discovery ------------------------------------------------------------------------------------------------

  public record TagsResponse(@Nullable List<RawJson> models) {}

  public record Tag(
      @Nullable String name,
      @Nullable String model,
      @Json(name = "modified_at") @Nullable String modifiedAt,
      @Nullable Long size,
      @Nullable String digest,
      @Nullable Details details) {}

  public record Details(
      @Json(name = "parent_model") @Nullable String parentModel,
      @Nullable String format,
      @Nullable String family,
      @Nullable List<String> families,
      @Json(name = "parameter_size") @Nullable String parameterSize,
      @Json(name = "quantization_level") @Nullable String quantizationLevel) {}

  public record ShowRequest(String model) {}

  /** {@code parameters} is the Modelfile's PARAMETER lines as text: {@code "num_ctx    2048\nstop ..."}. */
  public record ShowResponse(
      @Nullable Details details,
      @Nullable String parameters,
      @Json(name = "model_info") @Nullable Map<String, Object> modelInfo,
      @Nullable List<String> capabilities,
      @Json(name = "modified_at") @Nullable String modifiedAt) {}

  public record PsResponse(@Nullable List<PsModel> models) {}

  public record PsModel(
      @Nullable String name,
      @Nullable String model,
      @Nullable Long size,
      @Nullable String digest,
      @Nullable Details details,
      @Json(name = "expires_at") @Nullable String expiresAt,
      @Json(name = "size_vram") @Nullable Long sizeVram,
      @Json(name = "context_length") @Nullable Integer contextLength) {}

  public record VersionResponse(@Nullable String version) {}

  // ---- chat -----------------------------------------------------------------------------------------------------

  public record ChatRequest(
      String model,
      List<Message> messages,
      @Nullable List<Tool> tools,
      @Nullable RawJson format,
      @Nullable OllamaOptions options,
      @Nullable RawJson think,
      @Json(name = "keep_alive") @Nullable RawJson keepAlive,
      boolean stream) {}

  public record Message(
      String role,
      @Nullable String content,
      @Nullable String thinking,
      @Nullable List<String> images,
      @Json(name = "tool_calls") @Nullable List<ToolCall> toolCalls,
      @Json(name = "tool_name") @Nullable String toolName) {}

  public record ToolCall(@Nullable String id, @Nullable ToolCallFunction function) {}

  public record ToolCallFunction(@Nullable Integer index, @Nullable String name, @Nullable RawJson arguments) {}

  public record Tool(String type, ToolFunction function) {}

  public record ToolFunction(String name, @Nullable String description, RawJson parameters) {}

  /** One NDJSON line of a chat stream; {@code error} is set on a mid-stream failure. */
  public record ChatChunk(
      @Nullable String model,
      @Nullable Message message,
      @Nullable Boolean done,
      @Json(name = "done_reason") @Nullable String doneReason,
      @Json(name = "prompt_eval_count") @Nullable Long promptEvalCount,
      @Json(name = "eval_count") @Nullable Long evalCount,
      @Nullable Object error) {}

  // ---- embeddings -----------------------------------------------------------------------------------------------

  public record EmbedRequest(String model, List<String> input, @Nullable Integer dimensions) {}

  public record EmbedResponse(
      @Nullable String model,
      @Nullable List<float[]> embeddings,
      @Json(name = "prompt_eval_count") @Nullable Long promptEvalCount) {}

  // ---- errors ---------------------------------------------------------------------------------------------------

  /** {@code {"error": "..."}}; some proxies in front of a node answer {@code {"error": {"message": "..."}}}. */
  public record ErrorBody(@Nullable Object error) {}
}
