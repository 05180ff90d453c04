package io.modelgate.provider.openai;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.port.EmbeddingModel;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.util.Comparator;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** {@code POST /v1/embeddings}: one float vector per input, in input order. Thread-safe. */
final class OpenAiEmbeddings implements EmbeddingModel {
  private static final JsonAdapter<OpenAiWire.EmbeddingRequest> REQUEST =
      OpenAiHttp.MOSHI.adapter(OpenAiWire.EmbeddingRequest.class);
  private static final JsonAdapter<OpenAiWire.EmbeddingList> RESPONSE =
      OpenAiHttp.MOSHI.adapter(OpenAiWire.EmbeddingList.class);

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Headers headers;

  OpenAiEmbeddings(OkHttpClient client, HttpUrl url, Headers headers) {
    this.client = client;
    this.url = url;
    this.headers = headers;
  }

  @Override
  public EmbeddingResponse embed(String model, EmbeddingRequest request) {
    String body = REQUEST.toJson(new OpenAiWire.EmbeddingRequest(model, request.inputs(), request.dimensions(),
        "float"));
    Request http = new Request.Builder().url(url).headers(headers)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    OpenAiWire.EmbeddingList list = OpenAiHttp.parse(RESPONSE, OpenAiHttp.send(client, http));
    List<float[]> vectors = list.data().stream()
        .sorted(Comparator.comparingInt(e -> e.index() == null ? 0 : e.index()))
        .map(e -> toFloats(e.embedding()))
        .toList();
    long tokens = list.usage() == null || list.usage().promptTokens() == null ? 0 : list.usage().promptTokens();
    return new EmbeddingResponse(vectors, Usage.of(tokens, 0));
  }

  private static float[] toFloats(List<Double> values) {
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.get(i).floatValue();
    }
    return vector;
  }
}
