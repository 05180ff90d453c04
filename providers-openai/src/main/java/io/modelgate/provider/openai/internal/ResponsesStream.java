package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.StreamBrokenException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The semantic events of one streamed Responses API reply ({@code POST /v1/responses}, for a client that spoke
 * that API to us), read into chat events: output text, reasoning summaries, refusals, function calls with their
 * arguments, and at {@code response.completed} (or {@code response.incomplete}) the finish and the usage;
 * {@code response.failed} and {@code error} fail the stream. Every event about an output item (one with an
 * {@code output_index}: items added and done, their parts, deltas, annotations, a built-in tool's progress) is also
 * handed on as it came, as a {@link ChatEvent.NativeEvent} ahead of what it is read into, so a client that spoke the
 * Responses API gets encrypted reasoning, built-in tool calls and citations with the provider's ids and order.
 * One per stream, not thread-safe.
 */
final class ResponsesStream {
  private static final JsonAdapter<Map<String, Object>> EVENT =
      OpenAiHttp.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final ChatEventQueue queue;
  /** Each function call's tool index, by the output index of its item. */
  private final Map<Integer, Integer> calls = new HashMap<>();
  private boolean ended;

  ResponsesStream(ChatEventQueue queue) {
    this.queue = queue;
  }

  /** One event's data; false when the stream is over (or the client went away). */
  boolean onData(String data) {
    Map<String, Object> event;
    try {
      event = EVENT.fromJson(data);
      if (event == null) {
        throw new IOException("an empty event");
      }
    } catch (IOException | RuntimeException e) {
      return fail(new ChatEvent.Failed(new StreamBrokenException(
          "the provider sent an event that is not a Responses event: " + e.getMessage(), e)));
    }
    String type = String.valueOf(event.get("type"));
    if (event.containsKey("output_index")
        && !queue.emit(new ChatEvent.NativeEvent(OriginalBody.Protocol.OPENAI_RESPONSES, data))) {
      return false;
    }
    return switch (type) {
      case "response.output_text.delta" -> queue.emit(new ChatEvent.TextDelta(0, text(event.get("delta"))));
      case "response.refusal.delta" -> queue.emit(new ChatEvent.RefusalDelta(0, text(event.get("delta"))));
      case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
          queue.emit(new ChatEvent.ReasoningDelta(text(event.get("delta"))));
      case "response.output_item.added" -> onItem(event);
      case "response.function_call_arguments.delta" -> {
        Integer index = calls.get(number(event.get("output_index")));
        yield index == null || queue.emit(new ChatEvent.ToolCallDelta(0, index, null, null,
            text(event.get("delta"))));
      }
      case "response.completed", "response.incomplete" -> finish(object(event.get("response")));
      case "response.failed" -> {
        Map<String, Object> error = object(object(event.get("response")).get("error"));
        yield fail(new ChatEvent.Failed(OpenAiErrors.fromStreamError(error.get("code"), text(error.get("message")))));
      }
      case "error" -> fail(new ChatEvent.Failed(OpenAiErrors.fromStreamError(event.get("code"),
          text(event.get("message")))));
      default -> true;
    };
  }

  /** Whether the reply finished (completed, incomplete or failed) before its body ended. */
  boolean ended() {
    return ended;
  }

  private boolean onItem(Map<String, Object> event) {
    Map<String, Object> item = object(event.get("item"));
    if (!"function_call".equals(item.get("type"))) {
      return true;
    }
    int index = calls.size();
    calls.put(number(event.get("output_index")), index);
    return queue.emit(new ChatEvent.ToolCallDelta(0, index, text(item.get("call_id")), text(item.get("name")),
        text(item.get("arguments"))));
  }

  private boolean finish(Map<String, Object> response) {
    ended = true;
    Map<String, Object> usage = object(response.get("usage"));
    Usage counts = usage.isEmpty() ? null : new Usage(
        number(usage.get("input_tokens")), number(usage.get("output_tokens")),
        number(object(usage.get("input_tokens_details")).get("cached_tokens")),
        number(object(usage.get("output_tokens_details")).get("reasoning_tokens")), null);
    String incomplete = text(object(response.get("incomplete_details")).get("reason"));
    FinishReason reason = switch (incomplete) {
      case "max_output_tokens" -> FinishReason.LENGTH;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
    };
    queue.emit(new ChatEvent.Completed(reason, counts, null));
    return false;
  }

  private boolean fail(ChatEvent.Failed failed) {
    ended = true;
    queue.emit(failed);
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(@Nullable Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static String text(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static int number(@Nullable Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }
}
