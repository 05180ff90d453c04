package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.Reasoning;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.model.CallerContext;
import io.modelgate.wire.ChatCompletionWire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps OpenAI's chat-completions request onto a {@link ChatRequest}, once: the body is first read as its request
 * record ({@link ChatCompletionWire.Request}, which the OpenAPI document shows), then the fields that take more
 * than one shape (content parts, tools, tool choice, response format) are read here. Fields we model become typed values;
 * every other field passes through unchanged in {@link ChatRequest#extensions()}. Upstream usage is always asked
 * for, so the call is metered whatever the client asked.
 */
final class ChatRequests {
  /** Fields mapped here; the rest pass through. {@code conversation_id} is ours. */
  private static final Set<String> MODELED = Set.of("model", "messages", "stream", "stream_options",
      "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "seed", "presence_penalty",
      "frequency_penalty", "n", "logprobs", "top_logprobs", "tools", "tool_choice", "response_format",
      "reasoning_effort", "conversation_id");

  private ChatRequests() {}

  static ChatRequest openAi(ChatCompletionWire.Request in, Fields body, CallerContext caller, JsonCodec json) {
    List<ChatMessage> messages = messages(body, "messages", json);
    if (messages.isEmpty()) {
      throw body.invalid("messages", "must hold at least one message");
    }
    Integer max = in.maxCompletionTokens() != null ? in.maxCompletionTokens() : in.maxTokens();
    SamplingOptions sampling = Fields.checked(() -> new SamplingOptions(
        in.temperature(), in.topP(), max, body.strings("stop"), in.seed(), in.presencePenalty(),
        in.frequencyPenalty(), in.n(), in.logprobs(), in.topLogprobs()));
    Map<String, Object> extensions = new LinkedHashMap<>();
    for (String name : body.names()) {
      if (!MODELED.contains(name) && body.raw(name) != null) {
        extensions.put(name, Fields.normalised(body.raw(name)));
      }
    }
    String conversation = in.conversationId();
    return Fields.checked(() -> ChatRequest.builder()
        .model(in.model())
        .messages(messages)
        .sampling(sampling)
        .tools(tools(body, json))
        .toolChoice(toolChoice(body))
        .responseFormat(responseFormat(body, json))
        .includeUsage(true)
        .reasoning(in.reasoningEffort() == null ? null
            : Fields.checked(() -> Reasoning.of(Reasoning.Effort.parse(in.reasoningEffort()))))
        .extensions(extensions)
        .caller(conversation == null ? caller : caller.inConversation(conversation))
        .build());
  }

  /** Whether a streaming client asked for the usage chunk ({@code stream_options.include_usage}). */
  static boolean wantsUsageChunk(Fields body) {
    Fields options = body.object("stream_options");
    return options != null && options.bool("include_usage", false);
  }

  static List<ChatMessage> messages(Fields body, String field, JsonCodec json) {
    List<ChatMessage> out = new ArrayList<>();
    for (Fields m : body.objects(field)) {
      out.add(message(m, json));
    }
    return out;
  }

  /** One message; its content parts may also be the Responses API's ({@code output_text}, {@code input_image}). */
  static ChatMessage message(Fields m, JsonCodec json) {
    Role role;
    try {
      role = Role.parse(m.requiredString("role"));
    } catch (IllegalArgumentException e) {
      throw m.invalid("role", "must be one of system, developer, user, assistant, tool");
    }
    List<ContentPart> content = new ArrayList<>();
    Object raw = m.raw("content");
    if (raw instanceof String s) {
      content.add(ContentPart.text(s));
    } else if (raw instanceof List<?>) {
      for (Fields part : m.objects("content")) {
        String type = part.requiredString("type");
        switch (type) {
          case "text", "input_text", "output_text" -> content.add(ContentPart.text(part.requiredString("text")));
          case "refusal" -> content.add(ContentPart.text(part.requiredString("refusal")));
          case "image_url", "input_image" -> {
            Object image = part.raw("image_url");
            if (image instanceof String url) {
              content.add(new ContentPart.Image(url, part.string("detail")));
            } else {
              Fields img = part.object("image_url");
              if (img == null) {
                throw part.invalid("image_url", "is required");
              }
              content.add(new ContentPart.Image(img.requiredString("url"), img.string("detail")));
            }
          }
          default -> throw part.invalid("type", "'" + type + "' is not supported; use text or image_url");
        }
      }
    } else if (raw != null) {
      throw m.invalid("content", "must be a string or an array of content parts");
    }
    List<ToolCall> calls = new ArrayList<>();
    for (Fields call : m.objects("tool_calls")) {
      Fields function = call.object("function");
      if (function == null) {
        throw call.invalid("function", "is required");
      }
      calls.add(Fields.checked(() -> new ToolCall(call.requiredString("id"), function.requiredString("name"),
          function.string("arguments"))));
    }
    return Fields.checked(() -> new ChatMessage(role, content, m.string("name"), calls, m.string("tool_call_id")));
  }

  /** OpenAI's tools ({@code {type: function, function: {...}}}), or the bare function objects some SDKs send. */
  static List<ToolDefinition> tools(Fields body, JsonCodec json) {
    List<ToolDefinition> tools = new ArrayList<>();
    for (Fields tool : body.objects("tools")) {
      String type = tool.string("type");
      if (type != null && !type.equals("function")) {
        throw tool.invalid("type", "'" + type + "' is not supported; use function");
      }
      Fields function = tool.has("function") || !tool.has("name") ? tool.object("function") : tool;
      if (function == null) {
        throw tool.invalid("function", "is required");
      }
      Object parameters = function.raw("parameters");
      if (parameters != null && !(parameters instanceof Map<?, ?>)) {
        throw function.invalid("parameters", "must be a JSON Schema object");
      }
      tools.add(Fields.checked(() -> new ToolDefinition(function.requiredString("name"), function.string("description"),
          parameters == null ? null : json.treeText(Fields.normalised(parameters)))));
    }
    return tools;
  }

  private static @Nullable String toolChoice(Fields body) {
    Object raw = body.raw("tool_choice");
    if (raw == null || raw instanceof String) {
      return (String) raw;
    }
    Fields choice = body.object("tool_choice");
    Fields function = choice == null ? null : choice.object("function");
    if (function == null) {
      throw body.invalid("tool_choice", "must be auto, none, required or {type: function, function: {name}}");
    }
    return function.requiredString("name");
  }

  private static @Nullable ResponseFormat responseFormat(Fields body, JsonCodec json) {
    return format(body.object("response_format"), false, json);
  }

  /**
   * A response format object: chat completions' ({@code {type: json_schema, json_schema: {name, schema}}}) or,
   * {@code flat}, the Responses API's {@code text.format} ({@code {type: json_schema, name, schema}}).
   */
  static @Nullable ResponseFormat format(@Nullable Fields format, boolean flat, JsonCodec json) {
    if (format == null) {
      return null;
    }
    String type = format.requiredString("type");
    return switch (type) {
      case "text" -> ResponseFormat.TEXT;
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        Fields schema = flat ? format : format.object("json_schema");
        if (schema == null || !(schema.raw("schema") instanceof Map<?, ?>)) {
          throw flat ? format.invalid("schema", "must be a JSON Schema object")
              : format.invalid("json_schema", "must hold a 'schema' object");
        }
        yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, schema.string("name"),
            json.treeText(Fields.normalised(schema.raw("schema"))));
      }
      default -> throw format.invalid("type", "must be text, json_object or json_schema");
    };
  }

}
