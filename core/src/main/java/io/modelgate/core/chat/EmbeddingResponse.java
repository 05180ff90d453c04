package io.modelgate.core.chat;

import java.util.List;

/** One vector per input, in input order, and the tokens used. */
public record EmbeddingResponse(List<float[]> vectors, Usage usage) {
  public EmbeddingResponse {
    vectors = List.copyOf(vectors);
  }
}
