package io.modelgate.provider.gemini;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.http.ServerSentEvents;
import io.modelgate.provider.http.StreamedCall;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Chat over {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse}. The SSE body is read on a virtual
 * thread into a {@link ChatEventQueue}; closing the stream cancels the call. Comment lines are ignored; a body
 * that ends before its finish, a malformed event or a reset ends as a failure. The blocking call is
 * {@link ChatModel#complete}'s default: this stream, collected.
 */
final class GeminiChat implements ChatModel {
  private final GeminiApi api;
  private final GeminiRequests requests;
  private final JsonAdapter<GeminiWire.GenerateContentResponse> chunkAdapter;

  GeminiChat(GeminiApi api) {
    this.api = api;
    this.requests = new GeminiRequests(api.moshi());
    this.chunkAdapter = api.moshi().adapter(GeminiWire.GenerateContentResponse.class);
  }

  @Override
  public ChatStream stream(String model, ChatRequest request) {
    ChatEventQueue queue = new ChatEventQueue();
    GeminiWire.GenerateContentRequest body;
    try {
      body = requests.toWire(request);
    } catch (ModelgateException e) {
      queue.emit(new ChatEvent.Failed(e));
      return queue;
    }
    HttpUrl url = api.modelMethod(model, "streamGenerateContent").addQueryParameter("alt", "sse").build();
    Call call = api.newCall(url, body, GeminiWire.GenerateContentRequest.class);
    queue.onClose(call::cancel);
    Thread.ofVirtual().name("gemini-stream-" + model).start(() -> read(call, queue));
    return queue;
  }

  private void read(Call call, ChatEventQueue queue) {
    GeminiErrors errors = api.errors();
    StreamedCall.read(call, queue, "Gemini",
        response -> errors.fromResponse(response.code(), response.body().string(), response.header("Retry-After")),
        errors::fromIo, response -> {
          GeminiStreamMapper mapper = new GeminiStreamMapper();
          // okhttp-sse parses the events; comments and event names carry nothing for Gemini.
          if (ServerSentEvents.read(response, (type, data) -> dispatch(data, mapper, queue))) {
            ChatEvent.Completed end = mapper.completion();
            if (end != null) {
              queue.emit(end);
            }
          }
          return null;
        });
  }

  /** Sends on one event's data; false when the stream must stop (failed or closed). */
  private boolean dispatch(String text, GeminiStreamMapper mapper, ChatEventQueue queue) {
    if (text.isEmpty()) {
      return true;
    }
    GeminiWire.GenerateContentResponse chunk;
    try {
      chunk = chunkAdapter.fromJson(text);
    } catch (JsonDataException | JsonEncodingException e) {
      queue.emit(new ChatEvent.Failed(new StreamBrokenException(
          "Gemini sent a malformed stream event: " + e.getMessage(), e)));
      return false;
    } catch (IOException e) {
      queue.emit(new ChatEvent.Failed(new StreamBrokenException("Gemini sent an unreadable stream event", e)));
      return false;
    }
    if (chunk == null) {
      return true;
    }
    if (chunk.error() != null) {
      queue.emit(new ChatEvent.Failed(api.errors().fromStreamError(chunk.error())));
      return false;
    }
    for (ChatEvent event : mapper.onChunk(chunk)) {
      if (!queue.emit(event) || event.terminal()) {
        return false;
      }
    }
    return true;
  }
}
