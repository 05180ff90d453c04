package io.modelgate.provider.ollama;

import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.UpstreamUnavailableException;
import java.util.List;

/** Embeddings over {@code POST /api/embed}: every input in one call, usage from {@code prompt_eval_count}. */
final class OllamaEmbeddings implements io.modelgate.core.port.EmbeddingModel {
  private final OllamaHttp http;

  OllamaEmbeddings(OllamaHttp http) {
    this.http = http;
  }

  @Override
  public EmbeddingResponse embed(String model, EmbeddingRequest request) {
    OllamaWire.EmbedResponse response = http.post("api/embed",
        new OllamaWire.EmbedRequest(model, request.inputs(), request.dimensions()), OllamaWire.EmbedRequest.class,
        OllamaWire.EmbedResponse.class);
    List<float[]> vectors = response.embeddings() == null ? List.of() : response.embeddings();
    if (vectors.size() != request.inputs().size()) {
      throw new UpstreamUnavailableException("Ollama returned " + vectors.size() + " embeddings for "
          + request.inputs().size() + " inputs", 200, null, null);
    }
    long promptTokens = response.promptEvalCount() == null ? 0 : response.promptEvalCount();
    return new EmbeddingResponse(vectors, Usage.of(promptTokens, 0));
  }
}
