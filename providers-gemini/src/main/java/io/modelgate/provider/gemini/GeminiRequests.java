package io.modelgate.provider.gemini;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.Reasoning;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.error.InvalidRequestException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps a core {@link ChatRequest} to a generateContent body. Roles: user → {@code user}, assistant → {@code model}
 * (its tool calls as {@code functionCall} parts), system → {@code systemInstruction}, tool results →
 * {@code functionResponse} parts in a {@code user} turn (consecutive results share one turn). Sampling goes to
 * {@code generationConfig}; a JSON response format to {@code responseMimeType} (+ {@code responseJsonSchema}).
 * Extensions Gemini understands are passed through: {@code safetySettings}, {@code cachedContent}, and in the
 * generation config {@code topK}, {@code thinkingConfig}, {@code responseModalities}; others are not sent. The
 * request's reasoning, when no {@code thinkingConfig} is given, becomes {@code thinkingConfig} with its budget and
 * {@code includeThoughts}, so the thoughts come back as reasoning.
 */
final class GeminiRequests {
  private final JsonAdapter<Object> json;

  GeminiRequests(Moshi moshi) {
    this.json = moshi.adapter(Object.class);
  }

  GeminiWire.GenerateContentRequest toWire(ChatRequest request) {
    List<GeminiWire.Part> system = new ArrayList<>();
    List<GeminiWire.Content> contents = new ArrayList<>();
    Map<String, String> callNames = new HashMap<>();
    boolean lastWasToolResult = false;
    for (ChatMessage message : request.messages()) {
      switch (message.role()) {
        case SYSTEM -> system.add(GeminiWire.Part.text(message.text()));
        case USER -> contents.add(new GeminiWire.Content("user", parts(message.content())));
        case ASSISTANT -> {
          List<GeminiWire.Part> parts = new ArrayList<>(parts(message.content()));
          for (ToolCall call : message.toolCalls()) {
            callNames.put(call.id(), call.name());
            ToolCallIds.Decoded id = ToolCallIds.decode(call.id());
            parts.add(GeminiWire.Part.call(
                new GeminiWire.FunctionCall(id.geminiId(), call.name(), jsonObject(call.arguments(), "arguments")),
                id.thoughtSignature()));
          }
          if (!parts.isEmpty()) {
            contents.add(new GeminiWire.Content("model", parts));
          }
        }
        case TOOL -> {
          GeminiWire.Part response = toolResult(message, callNames);
          if (lastWasToolResult) {
            List<GeminiWire.Part> joined = new ArrayList<>(contents.getLast().parts());
            joined.add(response);
            contents.set(contents.size() - 1, new GeminiWire.Content("user", joined));
          } else {
            contents.add(new GeminiWire.Content("user", List.of(response)));
          }
        }
      }
      lastWasToolResult = message.role() == io.modelgate.core.chat.Role.TOOL;
    }
    if (contents.isEmpty()) {
      throw new InvalidRequestException("Gemini needs at least one user or assistant message, not only system ones",
          "messages");
    }
    Map<String, Object> ext = request.extensions();
    return new GeminiWire.GenerateContentRequest(
        contents,
        system.isEmpty() ? null : new GeminiWire.Content(null, system),
        tools(request.tools()),
        toolConfig(request.toolChoice()),
        generationConfig(request.sampling(), request.responseFormat(), request.reasoning(), ext),
        ext.get("safetySettings") == null ? null : raw(ext.get("safetySettings")),
        ext.get("cachedContent") instanceof String s ? s : null);
  }

  private List<GeminiWire.Part> parts(List<ContentPart> content) {
    List<GeminiWire.Part> parts = new ArrayList<>();
    for (ContentPart part : content) {
      switch (part) {
        case ContentPart.Text t -> {
          if (!t.text().isEmpty()) {
            parts.add(GeminiWire.Part.text(t.text()));
          }
        }
        case ContentPart.Image i -> parts.add(image(i.url()));
      }
    }
    return parts;
  }

  /** A {@code data:} URL becomes inline bytes; any other URL a file reference. */
  static GeminiWire.Part image(String url) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      if (comma < 0) {
        throw new InvalidRequestException("the image's data: URL has no ',' before its data", "image_url");
      }
      String meta = url.substring("data:".length(), comma);
      String data = url.substring(comma + 1);
      boolean base64 = meta.endsWith(";base64");
      String mime = (base64 ? meta.substring(0, meta.length() - ";base64".length()) : meta).split(";")[0];
      if (!base64) {
        data = Base64.getEncoder().encodeToString(
            URLDecoder.decode(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
      }
      return GeminiWire.Part.inline(new GeminiWire.Blob(mime.isEmpty() ? "application/octet-stream" : mime, data));
    }
    return GeminiWire.Part.file(new GeminiWire.FileData(mimeFromName(url), url));
  }

  private static @Nullable String mimeFromName(String url) {
    String path = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
    if (path.endsWith(".png")) return "image/png";
    if (path.endsWith(".jpg") || path.endsWith(".jpeg")) return "image/jpeg";
    if (path.endsWith(".webp")) return "image/webp";
    if (path.endsWith(".gif")) return "image/gif";
    if (path.endsWith(".heic")) return "image/heic";
    if (path.endsWith(".pdf")) return "application/pdf";
    return null;
  }

  private GeminiWire.Part toolResult(ChatMessage message, Map<String, String> callNames) {
    String callId = message.toolCallId();
    String name = callNames.getOrDefault(callId, message.name());
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("Gemini needs the function name of tool result '" + callId
          + "': send the assistant message with that call first, or name the tool message", "messages");
    }
    String text = message.text();
    Object parsed = tryParse(text);
    GeminiWire.RawJson response = parsed instanceof Map<?, ?>
        ? new GeminiWire.RawJson(text)
        : new GeminiWire.RawJson(json.toJson(Map.of("result", parsed != null ? parsed : text)));
    return GeminiWire.Part.response(
        new GeminiWire.FunctionResponse(ToolCallIds.decode(callId).geminiId(), name, response));
  }

  private static @Nullable List<GeminiWire.Tool> tools(List<ToolDefinition> tools) {
    if (tools.isEmpty()) {
      return null;
    }
    List<GeminiWire.FunctionDeclaration> declarations = tools.stream()
        .map(t -> new GeminiWire.FunctionDeclaration(t.name(), t.description(),
            new GeminiWire.RawJson(t.parametersSchema())))
        .toList();
    return List.of(new GeminiWire.Tool(declarations));
  }

  /** auto / none / required (any) / a function's name, or OpenAI's {@code {"type":"function",...}} object. */
  private GeminiWire.@Nullable ToolConfig toolConfig(@Nullable String toolChoice) {
    if (toolChoice == null || toolChoice.isBlank()) {
      return null;
    }
    String choice = toolChoice.trim();
    String mode = switch (choice.toLowerCase(Locale.ROOT)) {
      case "auto" -> "AUTO";
      case "none" -> "NONE";
      case "required", "any" -> "ANY";
      default -> null;
    };
    if (mode != null) {
      return new GeminiWire.ToolConfig(new GeminiWire.FunctionCallingConfig(mode, null));
    }
    String name = choice;
    if (choice.startsWith("{") && tryParse(choice) instanceof Map<?, ?> object) {
      Object function = object.get("function");
      Object named = function instanceof Map<?, ?> f ? f.get("name") : object.get("name");
      if (!(named instanceof String s) || s.isBlank()) {
        throw new InvalidRequestException("'tool_choice' names no function", "tool_choice");
      }
      name = s;
    }
    return new GeminiWire.ToolConfig(new GeminiWire.FunctionCallingConfig("ANY", List.of(name)));
  }

  private GeminiWire.@Nullable GenerationConfig generationConfig(
      SamplingOptions s, @Nullable ResponseFormat format, @Nullable Reasoning reasoning, Map<String, Object> ext) {
    Integer seed = null;
    if (s.seed() != null) {
      if (s.seed() < Integer.MIN_VALUE || s.seed() > Integer.MAX_VALUE) {
        throw new InvalidRequestException("Gemini takes a 32-bit 'seed', was " + s.seed(), "seed");
      }
      seed = s.seed().intValue();
    }
    String mime = null;
    GeminiWire.RawJson schema = null;
    if (format != null && format.type() != ResponseFormat.Type.TEXT) {
      mime = "application/json";
      if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
        schema = jsonObject(format.schema(), "response_format");
      }
    }
    Integer topK = ext.get("topK") instanceof Number n ? n.intValue() : null;
    GeminiWire.RawJson thinking = ext.get("thinkingConfig") != null ? raw(ext.get("thinkingConfig"))
        : reasoning == null ? null
        : raw(new GeminiWire.ThinkingConfig(reasoning.budget(), true));
    List<String> modalities = ext.get("responseModalities") instanceof List<?> l
        ? l.stream().map(String::valueOf).toList() : null;
    GeminiWire.GenerationConfig config = new GeminiWire.GenerationConfig(
        s.temperature(), s.topP(), topK, s.maxTokens(), s.stop().isEmpty() ? null : s.stop(), seed, s.n(),
        s.presencePenalty(), s.frequencyPenalty(), s.logprobs(), s.topLogprobs(), mime, schema, thinking,
        modalities, null);
    return config.equals(new GeminiWire.GenerationConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null))
        ? null : config;
  }

  private GeminiWire.RawJson raw(Object value) {
    return new GeminiWire.RawJson(json.toJson(value));
  }

  private GeminiWire.RawJson jsonObject(@Nullable String text, String param) {
    if (text == null || !(tryParse(text) instanceof Map<?, ?>)) {
      throw new InvalidRequestException("'" + param + "' must be a JSON object for Gemini", param);
    }
    return new GeminiWire.RawJson(text);
  }

  private @Nullable Object tryParse(String text) {
    try {
      return json.fromJson(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
