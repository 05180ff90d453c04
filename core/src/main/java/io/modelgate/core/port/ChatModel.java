package io.modelgate.core.port;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;

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
}
