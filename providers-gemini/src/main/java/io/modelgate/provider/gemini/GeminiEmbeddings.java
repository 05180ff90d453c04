package io.modelgate.provider.gemini;

import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.port.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Embeddings over {@code :embedContent} for one input and {@code :batchEmbedContents} for several, with
 * {@code outputDimensionality} from the request's dimensions. Gemini's embedding replies usually carry no token
 * counts; usage is zero unless they do.
 */
final class GeminiEmbeddings implements EmbeddingModel {
  private final GeminiApi api;

  GeminiEmbeddings(GeminiApi api) {
    this.api = api;
  }

  @Override
  public EmbeddingResponse embed(String model, EmbeddingRequest request) {
    String name = model.startsWith("models/") ? model : "models/" + model;
    if (request.inputs().size() == 1) {
      GeminiWire.EmbedContentResponse response = api.post(api.modelMethod(model, "embedContent").build(),
          one(null, request.inputs().getFirst(), request.dimensions()), GeminiWire.EmbedContentResponse.class);
      return new EmbeddingResponse(vectors(response.embedding() == null ? List.of() : List.of(response.embedding()),
          1), usage(response.usageMetadata()));
    }
    List<GeminiWire.EmbedContentRequest> requests = request.inputs().stream()
        .map(text -> one(name, text, request.dimensions()))
        .toList();
    GeminiWire.BatchEmbedContentsResponse response = api.post(api.modelMethod(model, "batchEmbedContents").build(),
        new GeminiWire.BatchEmbedContentsRequest(requests), GeminiWire.BatchEmbedContentsResponse.class);
    return new EmbeddingResponse(
        vectors(response.embeddings() == null ? List.of() : response.embeddings(), request.inputs().size()),
        usage(response.usageMetadata()));
  }

  private static GeminiWire.EmbedContentRequest one(@Nullable String model, String text, @Nullable Integer dims) {
    return new GeminiWire.EmbedContentRequest(
        model, new GeminiWire.Content(null, List.of(GeminiWire.Part.text(text))), dims);
  }

  private static List<float[]> vectors(List<GeminiWire.ContentEmbedding> embeddings, int expected) {
    if (embeddings.size() != expected) {
      throw new UpstreamUnavailableException(
          "Gemini returned " + embeddings.size() + " embeddings for " + expected + " inputs", 200, null, null);
    }
    List<float[]> out = new ArrayList<>(expected);
    for (GeminiWire.ContentEmbedding embedding : embeddings) {
      List<Float> values = embedding.values() == null ? List.of() : embedding.values();
      float[] vector = new float[values.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = values.get(i);
      }
      out.add(vector);
    }
    return out;
  }

  private static Usage usage(GeminiWire.@Nullable UsageMetadata metadata) {
    return metadata == null ? Usage.ZERO : GeminiStreamMapper.usage(metadata);
  }
}
