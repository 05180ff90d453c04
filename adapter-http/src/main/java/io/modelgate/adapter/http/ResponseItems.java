package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.OriginalBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a chat's events into the Responses API's output items — reasoning, a message, function calls — as the
 * semantic stream events that add, fill and finish them ({@code response.output_item.added},
 * {@code response.output_text.delta}, {@code response.function_call_arguments.delta}, ...
 * {@code response.output_item.done}). An item opens when the kind of content changes; the finished items make the
 * response's {@code output}, and what a later request continues from ({@link #history()}). Only choice 0 is read.
 *
 * <p>A reply passed through from a provider that speaks the Responses API itself comes with its own events
 * ({@link ChatEvent.NativeEvent}): then those are written on as they came — the provider's items with their ids and
 * order, encrypted reasoning, built-in tool calls ({@code web_search_call}, ...), text annotations — under our own
 * sequence numbers, the finished items ({@code response.output_item.done}) make the output, and the other events,
 * which say the same in core's terms, are not rendered again. Not thread-safe.
 */
final class ResponseItems {
  /** Where the stream events go; a whole (non-streamed) reply drops them. */
  interface Sink {
    void emit(String type, Map<String, Object> event) throws IOException;
  }

  private enum Kind { NONE, TEXT, TOOL, REASONING }

  private final Sink sink;
  private final JsonCodec json;
  private final List<Object> items = new ArrayList<>();
  private final List<Map<String, Object>> history = new ArrayList<>();
  private Kind open = Kind.NONE;
  private int toolIndex = -1;
  private String itemId = "";
  private String callId = "";
  private String name = "";
  private StringBuilder text = new StringBuilder();
  /** Whether the provider's own events make the items (a passed-through reply). */
  private boolean passedThrough;

  ResponseItems(Sink sink, JsonCodec json) {
    this.sink = sink;
    this.json = json;
  }

  void accept(ChatEvent event) throws IOException {
    if (event instanceof ChatEvent.NativeEvent n && n.protocol() == OriginalBody.Protocol.OPENAI_RESPONSES) {
      passOn(n.json());
      return;
    }
    if (passedThrough) {
      return;
    }
    switch (event) {
      case ChatEvent.TextDelta d when d.choice() == 0 && !d.text().isEmpty() -> {
        if (open != Kind.TEXT) {
          start(Kind.TEXT, "msg");
          emit("response.output_item.added", "item",
              new ResponsesWire.Message("message", itemId, "in_progress", "assistant", List.of()));
          emit("response.content_part.added", "item_id", itemId, "content_index", 0, "part", outputText(""));
        }
        text.append(d.text());
        emit("response.output_text.delta", "item_id", itemId, "content_index", 0, "delta", d.text());
      }
      case ChatEvent.ReasoningDelta d when !d.visibleText().isEmpty() -> {
        if (open != Kind.REASONING) {
          start(Kind.REASONING, "rs");
          emit("response.output_item.added", "item", new ResponsesWire.Reasoning("reasoning", itemId, List.of()));
        }
        text.append(d.visibleText());
        emit("response.reasoning_summary_text.delta", "item_id", itemId, "summary_index", 0, "delta",
            d.visibleText());
      }
      case ChatEvent.ToolCallDelta d when d.choice() == 0 -> {
        if (open != Kind.TOOL || d.index() != toolIndex) {
          start(Kind.TOOL, "fc");
          toolIndex = d.index();
          callId = d.id() == null ? "call_" + UUID.randomUUID().toString().replace("-", "") : d.id();
          name = d.name() == null ? "unknown" : d.name();
          emit("response.output_item.added", "item", functionCall("", "in_progress"));
        }
        if (!d.arguments().isEmpty()) {
          text.append(d.arguments());
          emit("response.function_call_arguments.delta", "item_id", itemId, "delta", d.arguments());
        }
      }
      case ChatEvent.NativeEvent n -> { } // another protocol's words: nothing this API reads
      default -> { }
    }
  }

  /** One of the provider's own events, written on as it came but for its sequence number. */
  private void passOn(String event) throws IOException {
    if (!passedThrough) {
      close();
      passedThrough = true;
    }
    Map<String, OpenAiWire.RawJson> fields = json.rawFields(event);
    fields.remove("sequence_number");
    OpenAiWire.RawJson type = fields.get("type");
    if (type == null || !(json.parse(type.json()) instanceof String name)) {
      return;
    }
    sink.emit(name, new LinkedHashMap<>(fields));
    OpenAiWire.RawJson item = fields.get("item");
    if (name.equals("response.output_item.done") && item != null) {
      items.add(item);
      remember(item.json());
    }
  }

  /**
   * What a later request continues from, of a provider's finished item: a message's text and a function call, as
   * the reply we build ourselves keeps them. Reasoning and built-in tool calls are left out, as there: the provider
   * kept none of them ({@code store} is false upstream), and their results are in the text that follows.
   */
  private void remember(String itemText) {
    if (!(json.parse(itemText) instanceof Map<?, ?> item)) {
      return;
    }
    switch (String.valueOf(item.get("type"))) {
      case "message" -> {
        StringBuilder said = new StringBuilder();
        if (item.get("content") instanceof List<?> parts) {
          for (Object part : parts) {
            if (part instanceof Map<?, ?> p && "output_text".equals(p.get("type"))
                && p.get("text") instanceof String t) {
              said.append(t);
            }
          }
        }
        history.add(Map.of("role", "assistant", "content", said.toString()));
      }
      case "function_call" -> history.add(Map.of("type", "function_call",
          "call_id", String.valueOf(item.get("call_id")), "name", String.valueOf(item.get("name")),
          "arguments", String.valueOf(item.get("arguments"))));
      default -> { }
    }
  }

  /** Finishes the item still open, if any. */
  void close() throws IOException {
    String done = text.toString();
    switch (open) {
      case TEXT -> {
        emit("response.output_text.done", "item_id", itemId, "content_index", 0, "text", done);
        emit("response.content_part.done", "item_id", itemId, "content_index", 0, "part", outputText(done));
        finish(new ResponsesWire.Message("message", itemId, "completed", "assistant", List.of(outputText(done))));
        history.add(Map.of("role", "assistant", "content", done));
      }
      case REASONING -> finish(new ResponsesWire.Reasoning("reasoning", itemId,
          List.of(new ResponsesWire.Summary("summary_text", done))));
      case TOOL -> {
        String arguments = AnthropicBlocks.isJsonObject(done) ? done : "{}";
        emit("response.function_call_arguments.done", "item_id", itemId, "arguments", arguments);
        finish(functionCall(arguments, "completed"));
        history.add(Map.of("type", "function_call", "call_id", callId, "name", name, "arguments", arguments));
      }
      case NONE -> { }
    }
    open = Kind.NONE;
  }

  /** The finished items, in order: the response's {@code output}. */
  List<Object> output() {
    return List.copyOf(items);
  }

  /** The finished items as input items a later request continues from. */
  List<Map<String, Object>> history() {
    return List.copyOf(history);
  }

  /** The output index the next event speaks of. */
  private int outputIndex() {
    return items.size();
  }

  private void start(Kind kind, String prefix) throws IOException {
    close();
    open = kind;
    text = new StringBuilder();
    itemId = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }

  private void finish(Object item) throws IOException {
    emit("response.output_item.done", "item", item);
    items.add(item);
  }

  private ResponsesWire.FunctionCall functionCall(String arguments, String status) {
    return new ResponsesWire.FunctionCall("function_call", itemId, callId, name, arguments, status);
  }

  private static ResponsesWire.OutputText outputText(String text) {
    return new ResponsesWire.OutputText("output_text", text, List.of());
  }

  /** One event: its type, the output index, then the given name and value pairs. */
  private void emit(String type, Object... fields) throws IOException {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("output_index", outputIndex());
    for (int i = 0; i < fields.length; i += 2) {
      event.put((String) fields[i], fields[i + 1]);
    }
    sink.emit(type, event);
  }
}
