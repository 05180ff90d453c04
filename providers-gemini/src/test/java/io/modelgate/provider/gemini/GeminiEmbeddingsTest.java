package io.modelgate.provider.gemini;

import static io.modelgate.provider.gemini.GeminiTesting.at;
import static io.modelgate.provider.gemini.GeminiTesting.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.EmbeddingModel;
import io.modelgate.provider.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiEmbeddingsTest {
  private final MockWebServer server = new MockWebServer();
  private EmbeddingModel embeddings;

  @BeforeEach
  void start() throws Exception {
    server.start();
    embeddings = new GeminiDriver().connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY))
        .embeddings();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void oneInputUsesEmbedContentWithTheAskedDimensions() throws Exception {
    server.enqueue(GeminiTesting.fixture("embedContent_response_truncated.json"));
    EmbeddingResponse response = embeddings.embed("gemini-embedding-001",
        new EmbeddingRequest(null, List.of("Hello world"), 768, CallerContext.ANONYMOUS));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
    assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiTesting.KEY);
    Map<String, Object> body = body(request);
    // The cookbook's request (embedContent_request.json) sends the same content; model may be left to the path.
    assertThat(at(body, "content")).isEqualTo(at(GeminiTesting.parse(Fixtures.read("gemini/embedContent_request.json")),
        "content"));
    assertThat(at(body, "outputDimensionality")).isEqualTo(768.0);
    assertThat(response.vectors()).singleElement().satisfies(v ->
        assertThat(v).containsExactly(-0.02342152f, 0.01676572f, 0.009261323f, -0.06383f, -0.0026262768f,
            0.0010187156f, -0.01125684f));
  }

  @Test
  void severalInputsUseBatchEmbedContentsInInputOrder() throws Exception {
    server.enqueue(GeminiTesting.fixture("batchEmbedContents_response_truncated.json"));
    EmbeddingResponse response = embeddings.embed("gemini-embedding-001",
        EmbeddingRequest.of(null, "What is the meaning of life?", "How much wood would a woodchuck chuck?",
            "How does the brain work?"));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    Map<String, Object> body = body(request);
    assertThat(at(body, "requests", 0)).isEqualTo(Map.of("model", "models/gemini-embedding-001",
        "content", Map.of("parts", List.of(Map.of("text", "What is the meaning of life?")))));
    assertThat(at(body, "requests", 2, "content", "parts", 0, "text")).isEqualTo("How does the brain work?");
    assertThat(response.vectors()).extracting(v -> v.length).containsExactly(7, 7, 5);
    assertThat(response.vectors().get(1)[0]).isEqualTo(-0.007975887f);
  }

  @Test
  void fewerVectorsThanInputsIsAnUpstreamFault() {
    server.enqueue(GeminiTesting.fixture("batchEmbedContents_response_truncated.json"));
    assertThatThrownBy(() -> embeddings.embed("gemini-embedding-001", EmbeddingRequest.of(null, "a", "b")))
        .isInstanceOf(UpstreamUnavailableException.class).hasMessageContaining("3 embeddings for 2 inputs");
  }

  @Test
  void unknownModelIsModelNotFound() {
    server.enqueue(GeminiTesting.json(404, Fixtures.read("gemini/error_404_model_not_found.json")));
    assertThatThrownBy(() -> embeddings.embed("gemini-5.0-flash", EmbeddingRequest.of(null, "a")))
        .isInstanceOf(ModelNotFoundException.class).hasMessageStartingWith("models/gemini-5.0-flash is not found");
  }
}
