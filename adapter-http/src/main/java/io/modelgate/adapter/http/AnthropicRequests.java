package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.Reasoning;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.model.CallerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps Anthropic's Messages request onto a {@link ChatRequest}, once. The client's body also rides along as the
 * request's {@link OriginalBody}, so an Anthropic target gets it with nothing lost (cache_control, signed thinking,
 * documents, server tools, top_k); the values here are the translation any other target gets:
 *
 * <ul>
 *   <li>{@code system}, a string or text blocks, becomes a system message;
 *   <li>text blocks become text, images (base64 or URL) image parts, documents text (a text source) or a file by
 *       URL ({@code data:} for base64);
 *   <li>{@code tool_use} blocks become the assistant's tool calls, {@code tool_result} blocks tool messages;
 *   <li>thinking blocks are left out: only Anthropic can read them back; {@code thinking} (enabled, with its
 *       budget) becomes the request's {@link Reasoning}, which each target sends as its own setting;
 *   <li>{@code tool_choice} {@code auto}/{@code any}/{@code none}/{@code tool} becomes auto/required/none/the tool's
 *       name; {@code metadata.user_id} becomes OpenAI's {@code user}.
 * </ul>
 */
final class AnthropicRequests {
  private AnthropicRequests() {}

  static ChatRequest messages(Fields body, String rawBody, CallerContext caller, JsonCodec json) {
    String model = body.requiredString("model");
    Integer maxTokens = body.smallInteger("max_tokens");
    if (maxTokens == null) {
      throw body.invalid("max_tokens", "is required");
    }
    Double temperature = body.number("temperature");
    if (temperature != null && (temperature < 0 || temperature > 1)) {
      throw body.invalid("temperature", "must be between 0 and 1");
    }
    SamplingOptions sampling = Fields.checked(() -> new SamplingOptions(temperature, body.number("top_p"),
        maxTokens, body.strings("stop_sequences"), null, null, null, null, null, null));
    ChatRequest.Builder request = prompt(body, json).model(model).sampling(sampling);
    Fields metadata = body.object("metadata");
    if (metadata != null && metadata.string("user_id") != null) {
      request.extension("user", metadata.string("user_id"));
    }
    Fields thinking = body.object("thinking");
    if (thinking != null && "enabled".equals(thinking.string("type"))) {
      Integer budget = thinking.smallInteger("budget_tokens");
      if (budget == null) {
        throw thinking.invalid("budget_tokens", "is required with thinking enabled");
      }
      request.reasoning(Fields.checked(() -> Reasoning.ofBudget(budget)));
    }
    return Fields.checked(() -> request
        .toolChoice(toolChoice(body))
        .includeUsage(true)
        .caller(caller)
        .original(new OriginalBody(OriginalBody.Protocol.ANTHROPIC_MESSAGES, rawBody))
        .build());
  }

  /** The messages, system and tools of a Messages request (all {@code count_tokens} reads). */
  static ChatRequest.Builder prompt(Fields body, JsonCodec json) {
    List<ChatMessage> messages = new ArrayList<>();
    Object system = body.raw("system");
    if (system instanceof String s) {
      messages.add(ChatMessage.system(s));
    } else if (system instanceof List<?>) {
      StringBuilder text = new StringBuilder();
      for (Fields block : body.objects("system")) {
        text.append(text.isEmpty() ? "" : "\n\n").append(block.requiredString("text"));
      }
      messages.add(ChatMessage.system(text.toString()));
    } else if (system != null) {
      throw body.invalid("system", "must be a string or an array of text blocks");
    }
    List<Fields> wire = body.objects("messages");
    if (wire.isEmpty()) {
      throw body.invalid("messages", "must hold at least one message");
    }
    for (Fields m : wire) {
      messages.addAll(message(m, json));
    }
    return ChatRequest.builder().messages(messages).tools(tools(body, json));
  }

  private static List<ChatMessage> message(Fields m, JsonCodec json) {
    String roleName = m.requiredString("role");
    Role role = switch (roleName) {
      case "user" -> Role.USER;
      case "assistant" -> Role.ASSISTANT;
      default -> throw m.invalid("role", "must be user or assistant");
    };
    Object raw = m.raw("content");
    if (raw instanceof String s) {
      return List.of(new ChatMessage(role, List.of(ContentPart.text(s)), null, List.of(), null));
    }
    if (!(raw instanceof List<?>)) {
      throw m.invalid("content", "must be a string or an array of content blocks");
    }
    List<ChatMessage> out = new ArrayList<>();
    List<ContentPart> parts = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    for (Fields block : m.objects("content")) {
      String type = block.requiredString("type");
      switch (type) {
        case "text" -> parts.add(ContentPart.text(block.requiredString("text")));
        case "image" -> parts.add(new ContentPart.Image(source(block, "image"), null));
        case "document" -> parts.add(document(block));
        case "tool_use" -> {
          if (role != Role.ASSISTANT) {
            throw block.invalid("type", "tool_use blocks belong to assistant messages");
          }
          Object input = block.raw("input");
          calls.add(Fields.checked(() -> new ToolCall(block.requiredString("id"), block.requiredString("name"),
              json.treeText(input == null ? Map.of() : Fields.normalised(input)))));
        }
        case "tool_result" -> {
          if (role != Role.USER) {
            throw block.invalid("type", "tool_result blocks belong to user messages");
          }
          out.add(ChatMessage.toolResult(block.requiredString("tool_use_id"), toolResultText(block)));
        }
        case "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result" -> { }
        default -> throw block.invalid("type", "'" + type + "' is not a content block this API takes");
      }
    }
    if (!parts.isEmpty() || !calls.isEmpty()) {
      out.add(new ChatMessage(role, parts, null, calls, null));
    }
    return out;
  }

  private static String toolResultText(Fields block) {
    Object content = block.raw("content");
    String text;
    if (content == null || content instanceof String) {
      text = content == null ? "" : (String) content;
    } else {
      StringBuilder joined = new StringBuilder();
      for (Fields part : block.objects("content")) {
        if ("text".equals(part.string("type"))) {
          joined.append(part.requiredString("text"));
        }
      }
      text = joined.toString();
    }
    return block.bool("is_error", false) ? "Error: " + text : text;
  }

  /** An image or document source as a URL: {@code data:<media_type>;base64,<data>} for inline bytes. */
  private static String source(Fields block, String what) {
    Fields source = block.object("source");
    if (source == null) {
      throw block.invalid("source", "is required for " + what + " blocks");
    }
    String type = source.requiredString("type");
    return switch (type) {
      case "base64" -> "data:" + source.requiredString("media_type") + ";base64," + source.requiredString("data");
      case "url" -> source.requiredString("url");
      default -> throw source.invalid("type", "must be base64 or url");
    };
  }

  private static ContentPart document(Fields block) {
    Fields source = block.object("source");
    if (source != null && "text".equals(source.string("type"))) {
      String title = block.string("title");
      String text = source.requiredString("data");
      return ContentPart.text(title == null ? text : title + "\n\n" + text);
    }
    return new ContentPart.Image(source(block, "document"), null);
  }

  private static List<ToolDefinition> tools(Fields body, JsonCodec json) {
    List<ToolDefinition> tools = new ArrayList<>();
    for (Fields tool : body.objects("tools")) {
      Object schema = tool.raw("input_schema");
      if (schema == null) {
        continue; // a server tool (web search, bash, ...): only Anthropic runs those
      }
      if (!(schema instanceof Map<?, ?>)) {
        throw tool.invalid("input_schema", "must be a JSON Schema object");
      }
      tools.add(Fields.checked(() -> new ToolDefinition(tool.requiredString("name"), tool.string("description"),
          json.treeText(Fields.normalised(schema)))));
    }
    return tools;
  }

  private static @Nullable String toolChoice(Fields body) {
    Fields choice = body.object("tool_choice");
    if (choice == null) {
      return null;
    }
    String type = choice.requiredString("type");
    return switch (type) {
      case "auto" -> "auto";
      case "any" -> "required";
      case "none" -> "none";
      case "tool" -> choice.requiredString("name");
      default -> throw choice.invalid("type", "must be auto, any, tool or none");
    };
  }
}
