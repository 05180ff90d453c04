package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a chat's events into Anthropic's content blocks, as the stream events that open, fill and close them
 * ({@code content_block_start}, {@code content_block_delta}, {@code content_block_stop}). A block opens when the
 * kind of content changes — thinking, text, a tool call — and a thinking block closes on its signature, so a
 * reply's blocks come out in the order and with the signatures the model gave. The same events, collected,
 * make a whole message's {@code content}. Only choice 0 is read: Anthropic has no {@code n}. Not thread-safe.
 */
final class AnthropicBlocks {
  /** Where the stream events go. */
  interface Sink {
    void emit(String type, Object event) throws IOException;
  }

  private enum Kind { NONE, TEXT, THINKING, TOOL }

  private final Sink sink;
  private Kind open = Kind.NONE;
  private int index = -1;
  private int toolIndex = -1;

  AnthropicBlocks(Sink sink) {
    this.sink = sink;
  }

  /** Emits what {@code event} adds; events that carry no content are ignored. */
  void accept(ChatEvent event) throws IOException {
    switch (event) {
      case ChatEvent.TextDelta d when d.choice() == 0 && !d.text().isEmpty() -> {
        startIfNot(Kind.TEXT, new AnthropicWire.TextBlock("text", ""));
        delta(new AnthropicWire.TextDelta("text_delta", d.text()));
      }
      case ChatEvent.ReasoningDelta d when d.redacted() -> {
        close();
        start(Kind.THINKING, new AnthropicWire.RedactedThinkingBlock("redacted_thinking", d.text()));
        close();
      }
      case ChatEvent.ReasoningDelta d -> {
        if (!d.text().isEmpty()) {
          startIfNot(Kind.THINKING, new AnthropicWire.ThinkingBlock("thinking", "", ""));
          delta(new AnthropicWire.ThinkingDelta("thinking_delta", d.text()));
        }
        if (d.signature() != null) {
          startIfNot(Kind.THINKING, new AnthropicWire.ThinkingBlock("thinking", "", ""));
          delta(new AnthropicWire.SignatureDelta("signature_delta", d.signature()));
          close();
        }
      }
      case ChatEvent.ToolCallDelta d when d.choice() == 0 -> {
        if (open != Kind.TOOL || d.index() != toolIndex) {
          close();
          toolIndex = d.index();
          start(Kind.TOOL, new AnthropicWire.ToolUseBlock("tool_use", d.id() == null ? "toolu_" + d.index() : d.id(),
              d.name() == null ? "unknown" : d.name(), new OpenAiWire.RawJson("{}")));
        }
        if (!d.arguments().isEmpty()) {
          delta(new AnthropicWire.InputJsonDelta("input_json_delta", d.arguments()));
        }
      }
      default -> { }
    }
  }

  /** Closes the block still open, if any. */
  void close() throws IOException {
    if (open != Kind.NONE) {
      sink.emit("content_block_stop", new AnthropicWire.BlockStop("content_block_stop", index));
      open = Kind.NONE;
    }
  }

  private void startIfNot(Kind kind, Object block) throws IOException {
    if (open != kind) {
      close();
      start(kind, block);
    }
  }

  private void start(Kind kind, Object block) throws IOException {
    index++;
    open = kind;
    sink.emit("content_block_start", new AnthropicWire.BlockStart("content_block_start", index, block));
  }

  private void delta(Object delta) throws IOException {
    sink.emit("content_block_delta", new AnthropicWire.BlockDelta("content_block_delta", index, delta));
  }

  /** Whether {@code text} is one JSON object (a tool call's arguments must be). */
  static boolean isJsonObject(String text) {
    try {
      com.squareup.moshi.JsonReader reader = com.squareup.moshi.JsonReader.of(new okio.Buffer().writeUtf8(text));
      return reader.readJsonValue() instanceof java.util.Map<?, ?>
          && reader.peek() == com.squareup.moshi.JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The blocks of a whole message, built from the stream events as Anthropic's SDKs build them. */
  static final class Collector implements Sink {
    private final List<Object> blocks = new ArrayList<>();
    private final List<StringBuilder> texts = new ArrayList<>();
    private final List<String> signatures = new ArrayList<>();

    @Override
    public void emit(String type, Object event) {
      switch (event) {
        case AnthropicWire.BlockStart s -> {
          blocks.add(s.contentBlock());
          texts.add(new StringBuilder());
          signatures.add("");
        }
        case AnthropicWire.BlockDelta d -> {
          switch (d.delta()) {
            case AnthropicWire.TextDelta t -> texts.get(d.index()).append(t.text());
            case AnthropicWire.ThinkingDelta t -> texts.get(d.index()).append(t.thinking());
            case AnthropicWire.InputJsonDelta j -> texts.get(d.index()).append(j.partialJson());
            case AnthropicWire.SignatureDelta s -> signatures.set(d.index(), s.signature());
            default -> { }
          }
        }
        default -> { }
      }
    }

    /** The finished blocks: text joined, tool input as the JSON object it became. */
    List<Object> content() {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < blocks.size(); i++) {
        String text = texts.get(i).toString();
        out.add(switch (blocks.get(i)) {
          case AnthropicWire.TextBlock t -> new AnthropicWire.TextBlock("text", text);
          case AnthropicWire.ThinkingBlock t -> new AnthropicWire.ThinkingBlock("thinking", text, signatures.get(i));
          case AnthropicWire.ToolUseBlock t -> new AnthropicWire.ToolUseBlock("tool_use", t.id(), t.name(),
              new OpenAiWire.RawJson(isJsonObject(text) ? text : "{}"));
          default -> blocks.get(i);
        });
      }
      return out;
    }
  }
}
