package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.Reasoning;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.model.CallerContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps OpenAI's Responses request onto a {@link ChatRequest}, once: {@code instructions} become a system message,
 * {@code input} (text, or items: messages, {@code function_call}, {@code function_call_output}) the conversation
 * after what {@code previous_response_id} already holds, function tools (Responses' flat shape) tools,
 * {@code text.format} the response format, {@code max_output_tokens} the output limit and {@code reasoning.effort}
 * the request's {@link Reasoning} (each target's own setting). The client's body rides along as the request's
 * {@link OriginalBody}: a target that speaks the Responses API itself (OpenAI) gets it with nothing lost — items,
 * reasoning, built-in tools, every field not named here. Reasoning items and the items of a provider's built-in
 * tools in the input are left out of the translation: no other provider reads them back.
 */
final class ResponsesRequests {
  /**
   * Items of what a provider did itself — its built-in tools' calls (and the client's answers to computer and shell
   * calls), MCP listings and approvals, references to kept items — which a client sends back as the output it got:
   * a Responses target reads them in the client's body; the translation leaves them out, as it does reasoning.
   */
  private static final java.util.Set<String> PROVIDER_ITEMS = java.util.Set.of("web_search_call", "file_search_call",
      "code_interpreter_call", "image_generation_call", "computer_call", "computer_call_output", "local_shell_call",
      "local_shell_call_output", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "mcp_call",
      "item_reference");

  private ResponsesRequests() {}

  /** The request's own input as items: text becomes one user message. */
  static List<Object> inputItems(Fields body) {
    Object input = body.raw("input");
    if (input instanceof String text) {
      return List.of(Map.of("role", "user", "content", text));
    }
    if (input instanceof List<?> list) {
      body.objects("input"); // every item must be an object
      return list.stream().map(Fields::normalised).map(Object.class::cast).toList();
    }
    throw body.invalid("input", input == null ? "is required" : "must be a string or an array of input items");
  }

  static ChatRequest request(Fields body, List<Object> items, CallerContext caller, JsonCodec json) {
    List<ChatMessage> messages = new ArrayList<>();
    String instructions = body.string("instructions");
    if (instructions != null && !instructions.isBlank()) {
      messages.add(ChatMessage.system(instructions));
    }
    Fields wrapped = Fields.of(Map.of("input", items));
    List<ToolCall> pendingCalls = new ArrayList<>();
    for (Fields item : wrapped.objects("input")) {
      String type = item.string("type");
      if ("function_call".equals(type)) {
        pendingCalls.add(Fields.checked(() -> new ToolCall(item.requiredString("call_id"),
            item.requiredString("name"), item.string("arguments"))));
        continue;
      }
      flush(messages, pendingCalls);
      switch (type == null ? "message" : type) {
        case "message" -> messages.add(ChatRequests.message(item, json));
        case "function_call_output" -> messages.add(Fields.checked(() -> ChatMessage.toolResult(
            item.requiredString("call_id"), output(item))));
        case "reasoning" -> { }
        default -> {
          if (!PROVIDER_ITEMS.contains(type)) {
            throw item.invalid("type", "'" + type + "' is not an input item this API takes");
          }
        }
      }
    }
    flush(messages, pendingCalls);
    Fields reasoning = body.object("reasoning");
    ChatRequest.Builder b = ChatRequest.builder()
        .model(body.string("model"))
        .messages(messages)
        .sampling(Fields.checked(() -> new SamplingOptions(body.number("temperature"), body.number("top_p"),
            body.smallInteger("max_output_tokens"), null, null, null, null, null, null, null)))
        .tools(ChatRequests.tools(functionTools(body), json))
        .toolChoice(toolChoice(body))
        .responseFormat(format(body, json))
        .includeUsage(true)
        .caller(caller);
    if (reasoning != null && reasoning.string("effort") != null) {
      b.reasoning(Fields.checked(() -> Reasoning.of(Reasoning.Effort.parse(reasoning.string("effort")))));
    }
    if (body.string("user") != null) {
      b.extension("user", body.string("user"));
    }
    b.original(original(body, items, json));
    return Fields.checked(b::build);
  }

  /**
   * The function tools: what any target can be given. OpenAI's built-in tools ({@code web_search_preview},
   * {@code file_search}, ...) reach only a target that speaks the Responses API itself, in the client's own body.
   */
  private static Fields functionTools(Fields body) {
    List<Object> functions = new ArrayList<>();
    for (Fields tool : body.objects("tools")) {
      String type = tool.string("type");
      if (type == null || type.equals("function")) {
        functions.add(tool.asMap());
      }
    }
    return Fields.of(Map.of("tools", functions));
  }

  /**
   * The client's body for a target that speaks the Responses API itself: every field as sent, the input as the whole
   * conversation (what {@code previous_response_id} named put in front, as that id is ours), nothing stored upstream
   * (the gateway keeps the reply when asked). So a reasoning item the client sends back without its
   * {@code encrypted_content} is left out: upstream it would name an item nobody kept, which OpenAI refuses.
   */
  private static OriginalBody original(Fields body, List<Object> items, JsonCodec json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) Fields.normalised(body.asMap()));
    out.remove("previous_response_id");
    out.put("input", Fields.normalised(items.stream().filter(item -> !(item instanceof Map<?, ?> m
        && "reasoning".equals(m.get("type")) && !(m.get("encrypted_content") instanceof String s && !s.isBlank())))
        .toList()));
    out.put("store", false);
    return new OriginalBody(OriginalBody.Protocol.OPENAI_RESPONSES, json.treeText(out));
  }

  private static void flush(List<ChatMessage> messages, List<ToolCall> calls) {
    if (!calls.isEmpty()) {
      messages.add(new ChatMessage(Role.ASSISTANT, List.of(), null, List.copyOf(calls), null));
      calls.clear();
    }
  }

  private static String output(Fields item) {
    Object output = item.raw("output");
    if (output instanceof String s) {
      return s;
    }
    StringBuilder text = new StringBuilder();
    for (Fields part : item.objects("output")) {
      if (part.string("text") != null) {
        text.append(part.string("text"));
      }
    }
    return text.toString();
  }

  private static @Nullable String toolChoice(Fields body) {
    Object raw = body.raw("tool_choice");
    if (raw == null || raw instanceof String) {
      return (String) raw;
    }
    Fields choice = body.object("tool_choice");
    if (choice == null || !"function".equals(choice.string("type"))) {
      throw body.invalid("tool_choice", "must be auto, none, required or {type: function, name}");
    }
    return choice.requiredString("name");
  }

  private static @Nullable ResponseFormat format(Fields body, JsonCodec json) {
    Fields text = body.object("text");
    return ChatRequests.format(text == null ? null : text.object("format"), true, json);
  }

}
