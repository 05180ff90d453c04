package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.StreamBrokenException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Turns the chunks of one chat-completions stream into chat events. The stream ends cleanly at {@code [DONE]}, or
 * at the end of the body once the model said why it stopped and, when usage was asked for, the usage chunk came
 * (some compatible servers omit {@code [DONE]}; a body cut before the usage chunk would otherwise go unbilled); any
 * other end is left to {@link ChatEventQueue#finish()}, which reports it as broken. Not thread-safe: one reader.
 */
final class StreamState {
  private static final JsonAdapter<ChatWire.Chunk> CHUNK = OpenAiHttp.MOSHI.adapter(ChatWire.Chunk.class);
  private static final JsonAdapter<Object> ANY = OpenAiHttp.MOSHI.adapter(Object.class);
  private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");
  private static final ByteString LOGPROBS = ByteString.encodeUtf8("\"logprobs\"");

  private final ChatEventQueue queue;
  private final boolean usageExpected;
  private @Nullable String finishReason;
  private @Nullable Usage usage;
  private @Nullable String fingerprint;
  private boolean identified;

  StreamState(ChatEventQueue queue, boolean usageExpected) {
    this.queue = queue;
    this.usageExpected = usageExpected;
  }

  /** Handles one event's data; false when the stream is over (finished, failed, or closed by the consumer). */
  boolean onData(String data) {
    if (data.equals("[DONE]")) {
      complete();
      return false;
    }
    ChatWire.Chunk chunk;
    try {
      chunk = CHUNK.fromJson(data);
      if (chunk == null) {
        throw new IOException("an empty event");
      }
    } catch (IOException | RuntimeException e) {
      notAChunk(e);
      return false;
    }
    return onChunk(chunk) && (!data.contains("\"logprobs\"") || onLogprobs(data));
  }

  /** Ends the stream: the provider sent data that {@code e} says is not a chat chunk. */
  private void notAChunk(Exception e) {
    queue.emit(new ChatEvent.Failed(new StreamBrokenException(
        "the provider sent an event that is not a chat chunk: " + e.getMessage(), e)));
  }

  /** Each choice's {@code logprobs.content} entries, passed on as their JSON text. */
  private boolean onLogprobs(String data) {
    Object parsed;
    try {
      parsed = ANY.fromJson(data);
    } catch (IOException | RuntimeException e) {
      return true; // the chunk itself was read already; log probabilities are an extra
    }
    if (!(parsed instanceof Map<?, ?> chunk) || !(chunk.get("choices") instanceof List<?> choices)) {
      return true;
    }
    for (Object c : choices) {
      if (c instanceof Map<?, ?> choice && choice.get("logprobs") instanceof Map<?, ?> logprobs
          && logprobs.get("content") instanceof List<?> content && !content.isEmpty()) {
        int index = choice.get("index") instanceof Number n ? n.intValue() : 0;
        if (!queue.emit(new ChatEvent.LogprobsDelta(index, ANY.toJson(integral(content))))) {
          return false;
        }
      }
    }
    return true;
  }

  /** JSON numbers read back as doubles; whole ones (token bytes) are written as integers again. */
  private static @Nullable Object integral(@Nullable Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return d.longValue();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(StreamState::integral).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, integral(v)));
      return copy;
    }
    return value;
  }

  /** A whole non-streamed answer ({@code choices[].message}): its events, then the finish. */
  void onWholeAnswer(String body) {
    if (onData(body)) {
      complete();
    }
  }

  /**
   * The same as {@link #onWholeAnswer(String)} for a UTF-8 body, read from its bytes: decoding it into a String
   * for Moshi to encode it back into a buffer was ~2% of the gateway's CPU at c=256 (JFR CPU-time samples). The
   * text is made only when the answer carries log probabilities, which are passed on as text.
   */
  void onWholeAnswer(Buffer body) {
    if (body.size() == DONE.size() && body.rangeEquals(0, DONE)) {
      complete();
      return;
    }
    @Nullable String text;
    ChatWire.Chunk chunk;
    try (JsonReader reader = JsonReader.of(body)) {
      text = body.indexOf(LOGPROBS) >= 0 ? body.copy().readUtf8() : null; // before the reader takes the bytes
      chunk = CHUNK.fromJson(reader);
      if (chunk == null) {
        throw new IOException("an empty event");
      }
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("JSON document was not fully consumed."); // as fromJson(String) says it
      }
    } catch (IOException | RuntimeException e) {
      notAChunk(e);
      return;
    }
    if (onChunk(chunk) && (text == null || onLogprobs(text))) {
      complete();
    }
  }

  /**
   * The body ended without {@code [DONE]}: a clean end only if the model had said why it stopped and the usage
   * asked for has come.
   */
  void onEndOfBody() {
    if (finishReason != null && (usage != null || !usageExpected)) {
      complete();
    }
  }

  private boolean onChunk(ChatWire.Chunk chunk) {
    if (chunk.error() != null) {
      queue.emit(new ChatEvent.Failed(OpenAiErrors.fromStreamError(chunk.error().code(), chunk.error().message())));
      return false;
    }
    if (!identified && (chunk.id() != null || chunk.model() != null)) {
      identified = true;
      if (!queue.emit(new ChatEvent.ResponseIdentity(chunk.id(), chunk.model()))) {
        return false;
      }
    }
    String served = chunk.systemFingerprint();
    if (served != null && !served.isBlank() && !served.equals(fingerprint)) {
      fingerprint = served;
      if (!queue.emit(new ChatEvent.SystemFingerprint(served))) {
        return false;
      }
    }
    if (chunk.usage() != null) {
      usage = usage(chunk.usage());
      if (!queue.emit(new ChatEvent.UsageReport(usage))) {
        return false;
      }
    }
    if (chunk.choices() == null) {
      return true;
    }
    for (ChatWire.Choice choice : chunk.choices()) {
      int index = choice.index() == null ? 0 : choice.index();
      ChatWire.Delta delta = choice.delta() != null ? choice.delta() : choice.message();
      if (delta != null && !onDelta(index, delta)) {
        return false;
      }
      if (choice.finishReason() != null) {
        if (choice.finishReason().equals("error")) {
          queue.emit(new ChatEvent.Failed(OpenAiErrors.fromStreamError(null,
              "the provider ended the answer with an error")));
          return false;
        }
        if (index == 0 || finishReason == null) {
          finishReason = choice.finishReason();
        }
      }
    }
    return true;
  }

  private boolean onDelta(int choice, ChatWire.Delta delta) {
    String reasoning = delta.reasoningContent() != null ? delta.reasoningContent() : delta.reasoning();
    if (reasoning != null && !reasoning.isEmpty() && choice == 0
        && !queue.emit(new ChatEvent.ReasoningDelta(reasoning))) {
      return false;
    }
    if (delta.content() != null && !delta.content().isEmpty()
        && !queue.emit(new ChatEvent.TextDelta(choice, delta.content()))) {
      return false;
    }
    if (delta.refusal() != null && !delta.refusal().isEmpty()
        && !queue.emit(new ChatEvent.RefusalDelta(choice, delta.refusal()))) {
      return false;
    }
    if (delta.toolCalls() != null) {
      int position = 0;
      for (ChatWire.ToolCallDelta call : delta.toolCalls()) {
        ChatWire.FunctionDelta f = call.function();
        ChatEvent.ToolCallDelta event = new ChatEvent.ToolCallDelta(choice,
            call.index() == null ? position : call.index(), call.id(),
            f == null ? null : f.name(), f == null ? "" : f.arguments());
        position++;
        if (!queue.emit(event)) {
          return false;
        }
      }
    }
    return true;
  }

  private void complete() {
    queue.emit(new ChatEvent.Completed(finishReason(finishReason), usage, finishReason));
  }

  static FinishReason finishReason(@Nullable String wire) {
    if (wire == null) {
      return FinishReason.STOP; // [DONE] with no reason given: the answer ended normally
    }
    return switch (wire) {
      case "stop", "end_turn", "eos" -> FinishReason.STOP;
      case "length", "max_tokens" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  static Usage usage(ChatWire.Usage wire) {
    long cached = wire.promptDetails() == null || wire.promptDetails().cachedTokens() == null
        ? 0 : wire.promptDetails().cachedTokens();
    long reasoning = wire.completionDetails() == null || wire.completionDetails().reasoningTokens() == null
        ? 0 : wire.completionDetails().reasoningTokens();
    BigDecimal cost = wire.cost() == null ? null : BigDecimal.valueOf(wire.cost());
    return new Usage(orZero(wire.promptTokens()), orZero(wire.completionTokens()), cached, reasoning, cost);
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
