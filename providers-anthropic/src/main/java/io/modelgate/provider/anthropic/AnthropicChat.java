package io.modelgate.provider.anthropic;

import com.squareup.moshi.Moshi;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.http.ServerSentEvents;
import io.modelgate.provider.http.StreamedCall;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;

/**
 * Chat through {@code POST /v1/messages} with {@code stream: true}. The call runs on a virtual thread that reads
 * the event stream into a {@link ChatEventQueue}; closing the stream cancels the call. The blocking call is the
 * collected stream ({@link ChatModel#complete}'s default). Thread-safe.
 */
final class AnthropicChat implements ChatModel {
  private final AnthropicEndpoint endpoint;
  private final AnthropicRequests requests;
  private final AnthropicErrors errors;
  private final Moshi moshi;

  AnthropicChat(AnthropicEndpoint endpoint, AnthropicRequests requests, AnthropicErrors errors, Moshi moshi) {
    this.endpoint = endpoint;
    this.requests = requests;
    this.errors = errors;
    this.moshi = moshi;
  }

  @Override
  public ChatStream stream(String model, ChatRequest request) {
    String body;
    try {
      body = requests.toJson(model, request);
    } catch (ModelgateException | IllegalArgumentException e) {
      return StreamedCall.failedBeforeSending(e);
    }
    ChatEventQueue queue = new ChatEventQueue();
    Call call = endpoint.client().newCall(
        endpoint.postJson(endpoint.url("v1/messages").build(), body, "text/event-stream"));
    queue.onClose(call::cancel);
    Thread.ofVirtual().name("anthropic-stream-" + model).start(() -> read(call, queue));
    return queue;
  }

  private void read(Call call, ChatEventQueue queue) {
    StreamedCall.read(call, queue, "Anthropic", errors::fromResponse, AnthropicErrors::fromIo, response -> {
      AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(moshi, errors);
      // okhttp-sse parses the events (": keep-alive" comments skipped); each one's data names its own type.
      return ServerSentEvents.read(response, (type, data) -> {
        for (ChatEvent chatEvent : decoder.decode(data)) {
          if (!queue.emit(chatEvent)) {
            return false;
          }
        }
        return true;
      });
    });
  }
}
