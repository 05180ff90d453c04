package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
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
 * Not thread-safe.
 */
final class ResponseItems {
  /** Where the stream events go; a whole (non-streamed) reply drops them. */
  interface Sink {
    void emit(String type, Map<String, Object> event) throws IOException;
  }

  private enum Kind { NONE, TEXT, TOOL, REASONING }

  private final Sink sink;
  private final List<Object> items = new ArrayList<>();
  private final List<Map<String, Object>> history = new ArrayList<>();
  private Kind open = Kind.NONE;
  private int toolIndex = -1;
  private String itemId = "";
  private String callId = "";
  private String name = "";
  private StringBuilder text = new StringBuilder();

  ResponseItems(Sink sink) {
    this.sink = sink;
  }

  void accept(ChatEvent event) throws IOException {
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
