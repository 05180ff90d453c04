package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.provider.anthropic.AnthropicWire.StreamEvent;
import io.modelgate.provider.anthropic.AnthropicWire.WireUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the events of one Messages stream into core chat events. {@code message_start} gives the input usage,
 * {@code content_block_start/delta} give text, tool calls (numbered 0, 1, ... in the order their blocks start) and
 * thinking (a signature, or a redacted block, as a {@link ChatEvent.ReasoningDelta} of its own), {@code message_delta} gives the stop reason and output usage, {@code message_stop} is the clean end and
 * {@code error} a failed one; {@code ping} and event types it does not know are ignored. Prompt tokens are
 * {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}, of which the cache reads are the
 * cached tokens and the cache writes the cache-write tokens. One decoder per stream; not thread-safe.
 */
final class AnthropicStreamDecoder {
  private final JsonAdapter<StreamEvent> adapter;
  private final AnthropicErrors errors;
  /** Content block index → tool call index, for tool_use blocks. */
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private long inputTokens;
  private long cacheReadTokens;
  private long cacheCreationTokens;
  private long outputTokens;
  private boolean usageSeen;
  private @Nullable String stopReason;

  AnthropicStreamDecoder(Moshi moshi, AnthropicErrors errors) {
    this.adapter = moshi.adapter(StreamEvent.class);
    this.errors = errors;
  }

  /** The core events for one SSE event; throws {@link StreamBrokenException} when its data is not an event. */
  List<ChatEvent> decode(String data) {
    StreamEvent event;
    try {
      event = adapter.fromJson(data);
    } catch (IOException | JsonDataException e) {
      throw new StreamBrokenException("Anthropic sent a malformed stream event: " + e.getMessage(), e);
    }
    if (event == null || event.type() == null) {
      throw new StreamBrokenException("Anthropic sent a stream event without a type", null);
    }
    List<ChatEvent> out = new ArrayList<>(2);
    switch (event.type()) {
      case "message_start" -> {
        AnthropicWire.StreamMessage message = event.message();
        if (message != null && (message.id() != null || message.model() != null)) {
          out.add(new ChatEvent.ResponseIdentity(message.id(), message.model()));
        }
        if (message != null && addUsage(message.usage())) {
          out.add(new ChatEvent.UsageReport(usage()));
        }
      }
      case "content_block_start" -> blockStart(event, out);
      case "content_block_delta" -> blockDelta(event, out);
      case "message_delta" -> {
        if (event.delta() != null && event.delta().stopReason() != null) {
          stopReason = event.delta().stopReason();
        }
        if (addUsage(event.usage())) {
          out.add(new ChatEvent.UsageReport(usage()));
        }
      }
      case "message_stop" -> out.add(new ChatEvent.Completed(finishReason(stopReason),
          usageSeen ? usage() : null, stopReason));
      case "error" -> out.add(new ChatEvent.Failed(errors.fromStreamError(event.error())));
      default -> { } // ping, content_block_stop, and event types added after this was written
    }
    return out;
  }

  private void blockStart(StreamEvent event, List<ChatEvent> out) {
    AnthropicWire.ContentBlock block = event.contentBlock();
    if (block == null || block.type() == null) {
      return;
    }
    switch (block.type()) {
      case "text" -> addText(out, block.text());
      case "thinking" -> {
        addReasoning(out, block.thinking());
        addSignature(out, block.signature());
      }
      case "redacted_thinking" -> {
        if (block.data() != null) {
          out.add(new ChatEvent.ReasoningDelta(block.data(), null, true));
        }
      }
      case "tool_use" -> {
        int toolIndex = toolIndexByBlock.size();
        toolIndexByBlock.put(blockIndex(event), toolIndex);
        out.add(new ChatEvent.ToolCallDelta(0, toolIndex, block.id(), block.name(), ""));
      }
      default -> { } // server tool blocks: nothing a caller of the core API can use
    }
  }

  private void blockDelta(StreamEvent event, List<ChatEvent> out) {
    AnthropicWire.Delta delta = event.delta();
    if (delta == null || delta.type() == null) {
      return;
    }
    switch (delta.type()) {
      case "text_delta" -> addText(out, delta.text());
      case "thinking_delta" -> addReasoning(out, delta.thinking());
      case "input_json_delta" -> {
        Integer toolIndex = toolIndexByBlock.get(blockIndex(event));
        if (toolIndex == null) {
          throw new StreamBrokenException("Anthropic sent tool input for block " + blockIndex(event)
              + ", which is not a tool_use block", null);
        }
        if (delta.partialJson() != null && !delta.partialJson().isEmpty()) {
          out.add(new ChatEvent.ToolCallDelta(0, toolIndex, null, null, delta.partialJson()));
        }
      }
      case "signature_delta" -> addSignature(out, delta.signature());
      default -> { } // citations_delta
    }
  }

  private static void addText(List<ChatEvent> out, @Nullable String text) {
    if (text != null && !text.isEmpty()) {
      out.add(new ChatEvent.TextDelta(text));
    }
  }

  private static void addReasoning(List<ChatEvent> out, @Nullable String text) {
    if (text != null && !text.isEmpty()) {
      out.add(new ChatEvent.ReasoningDelta(text));
    }
  }

  private static void addSignature(List<ChatEvent> out, @Nullable String signature) {
    if (signature != null && !signature.isEmpty()) {
      out.add(new ChatEvent.ReasoningDelta("", signature, false));
    }
  }

  private static int blockIndex(StreamEvent event) {
    return event.index() == null ? 0 : event.index();
  }

  /** Takes the counts {@code usage} carries (later events repeat or update them); whether it carried any. */
  private boolean addUsage(@Nullable WireUsage usage) {
    if (usage == null) {
      return false;
    }
    if (usage.inputTokens() != null) {
      inputTokens = usage.inputTokens();
    }
    if (usage.cacheReadInputTokens() != null) {
      cacheReadTokens = usage.cacheReadInputTokens();
    }
    if (usage.cacheCreationInputTokens() != null) {
      cacheCreationTokens = usage.cacheCreationInputTokens();
    }
    if (usage.outputTokens() != null) {
      outputTokens = usage.outputTokens();
    }
    usageSeen = true;
    return true;
  }

  private Usage usage() {
    return new Usage(inputTokens + cacheReadTokens + cacheCreationTokens, outputTokens, cacheReadTokens, 0,
        cacheCreationTokens, null);
  }

  /** end_turn / stop_sequence → STOP, max_tokens → LENGTH, tool_use → TOOL_CALLS, refusal → CONTENT_FILTER. */
  static FinishReason finishReason(@Nullable String stopReason) {
    if (stopReason == null) {
      return FinishReason.STOP;
    }
    return switch (stopReason) {
      case "end_turn", "stop_sequence" -> FinishReason.STOP;
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }
}
