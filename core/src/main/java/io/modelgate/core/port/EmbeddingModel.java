package io.modelgate.core.port;

import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;

/** Embeds texts with one provider instance's embedding models. Thread-safe. */
public interface EmbeddingModel {
  /** {@code model} is the provider's own model name; throws a ModelgateException on failure. */
  EmbeddingResponse embed(String model, EmbeddingRequest request);
}
