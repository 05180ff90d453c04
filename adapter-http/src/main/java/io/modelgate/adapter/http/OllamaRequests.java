package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.Reasoning;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.model.CallerContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps Ollama's {@code /api/chat} and {@code /api/generate} requests onto a {@link ChatRequest}, once:
 * {@code options} ({@code temperature}, {@code num_predict}, {@code top_p}, {@code stop}, {@code seed}, penalties)
 * become sampling, {@code format} ({@code "json"} or a JSON Schema) the response format, {@code images} (bare
 * base64) image parts, {@code think} the request's reasoning. Ollama's tool calls carry no ids: each gets one
 * ({@code call_0}, ...) and a later tool message answers the oldest open call of its {@code tool_name}, or the
 * oldest open call.
 */
final class OllamaRequests {
  private OllamaRequests() {}

  static ChatRequest chat(Fields body, CallerContext caller, JsonCodec json) {
    List<ChatMessage> messages = new ArrayList<>();
    Deque<ToolCall> open = new ArrayDeque<>();
    int callNumber = 0;
    for (Fields m : body.objects("messages")) {
      String roleName = m.requiredString("role");
      Role role = switch (roleName) {
        case "system" -> Role.SYSTEM;
        case "user" -> Role.USER;
        case "assistant" -> Role.ASSISTANT;
        case "tool" -> Role.TOOL;
        default -> throw m.invalid("role", "must be system, user, assistant or tool");
      };
      String content = m.string("content");
      List<ContentPart> parts = new ArrayList<>();
      if (content != null && !content.isEmpty()) {
        parts.add(ContentPart.text(content));
      }
      parts.addAll(images(m));
      if (role == Role.TOOL) {
        ToolCall answered = answered(open, m.string("tool_name"));
        String id = answered == null ? "call_" + callNumber++ : answered.id();
        messages.add(ChatMessage.toolResult(id, content == null ? "" : content));
        continue;
      }
      List<ToolCall> calls = new ArrayList<>();
      for (Fields call : m.objects("tool_calls")) {
        Fields function = call.object("function");
        if (function == null) {
          throw call.invalid("function", "is required");
        }
        Object arguments = function.raw("arguments");
        String id = "call_" + callNumber++;
        ToolCall toolCall = Fields.checked(() -> new ToolCall(id, function.requiredString("name"),
            arguments instanceof String s ? s : json.treeText(arguments == null ? Map.of()
                : Fields.normalised(arguments))));
        calls.add(toolCall);
        open.add(toolCall);
      }
      messages.add(Fields.checked(() -> new ChatMessage(role, parts, null, calls, null)));
    }
    if (messages.isEmpty()) {
      throw body.invalid("messages", "must hold at least one message");
    }
    return common(body, caller, json).messages(messages).tools(ChatRequests.tools(body, json)).build();
  }

  static ChatRequest generate(Fields body, CallerContext caller, JsonCodec json) {
    List<ChatMessage> messages = new ArrayList<>();
    String system = body.string("system");
    if (system != null && !system.isEmpty()) {
      messages.add(ChatMessage.system(system));
    }
    List<ContentPart> parts = new ArrayList<>();
    parts.add(ContentPart.text(body.requiredString("prompt")));
    parts.addAll(images(body));
    messages.add(new ChatMessage(Role.USER, parts, null, List.of(), null));
    return common(body, caller, json).messages(messages).build();
  }

  private static @Nullable ToolCall answered(Deque<ToolCall> open, @Nullable String toolName) {
    for (ToolCall call : open) {
      if (toolName == null || call.name().equals(toolName)) {
        open.remove(call);
        return call;
      }
    }
    return null;
  }

  private static ChatRequest.Builder common(Fields body, CallerContext caller, JsonCodec json) {
    Fields options = body.object("options");
    SamplingOptions sampling = SamplingOptions.DEFAULTS;
    if (options != null) {
      Integer predict = options.smallInteger("num_predict");
      sampling = Fields.checked(() -> new SamplingOptions(options.number("temperature"), options.number("top_p"),
          predict == null || predict <= 0 ? null : predict, options.strings("stop"), options.integer("seed"),
          options.number("presence_penalty"), options.number("frequency_penalty"), null, null, null));
    }
    return ChatRequest.builder()
        .model(body.requiredString("model"))
        .sampling(sampling)
        .responseFormat(format(body, json))
        .reasoning(reasoning(body))
        .includeUsage(true)
        .caller(caller);
  }

  /** {@code think}: true (a medium effort), or an effort by name ({@code low}, {@code medium}, {@code high}). */
  private static @Nullable Reasoning reasoning(Fields body) {
    return switch (body.raw("think")) {
      case Boolean b when b -> Reasoning.of(Reasoning.Effort.MEDIUM);
      case String effort -> Fields.checked(() -> Reasoning.of(Reasoning.Effort.parse(effort)));
      case null, default -> null;
    };
  }

  private static @Nullable ResponseFormat format(Fields body, JsonCodec json) {
    Object format = body.raw("format");
    if (format == null || "".equals(format)) {
      return null;
    }
    if ("json".equals(format)) {
      return ResponseFormat.JSON_OBJECT;
    }
    if (format instanceof Map<?, ?>) {
      return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "response", json.treeText(Fields.normalised(format)));
    }
    throw body.invalid("format", "must be \"json\" or a JSON Schema object");
  }

  /** Ollama's images are bare base64: the media type is read from the bytes' first signature. */
  private static List<ContentPart> images(Fields m) {
    List<String> images = m.strings("images");
    List<ContentPart> out = new ArrayList<>();
    if (images == null) {
      return out;
    }
    for (String data : images) {
      String type = data.startsWith("/9j/") ? "image/jpeg" : data.startsWith("R0lGOD") ? "image/gif"
          : data.startsWith("UklGR") ? "image/webp" : "image/png";
      out.add(new ContentPart.Image("data:" + type + ";base64," + data, null));
    }
    return out;
  }
}
