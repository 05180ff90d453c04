package io.modelgate.core.port;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.error.UnsupportedCapabilityException;

/**
 * Chat with the models of one provider instance. Streaming comes first: a failure arrives as the stream's
 * {@link io.modelgate.core.chat.ChatEvent.Failed} end, and the blocking call is built on the stream. Thread-safe.
 */
public interface ChatModel {
  /** Starts the call; {@code model} is the provider's own model name (no instance prefix). */
  ChatStream stream(String model, ChatRequest request);

  default ChatResponse complete(String model, ChatRequest request) {
    return ChatResponse.collect(stream(model, request));
  }

  /**
   * The chat of a protocol that has none (a speech-only provider): every stream ends at once as
   * {@link ChatEvent.Failed} with an {@link UnsupportedCapabilityException} saying {@code what} does not chat.
   */
  static ChatModel unsupported(String what) {
    return (model, request) -> new ChatStream() {
      private boolean done;

      @Override
      public ChatEvent next() {
        if (done) {
          throw new IllegalStateException("the stream has ended");
        }
        done = true;
        return new ChatEvent.Failed(new UnsupportedCapabilityException(what + " does not offer chat"));
      }

      @Override
      public void close() {
        done = true;
      }
    };
  }
}
