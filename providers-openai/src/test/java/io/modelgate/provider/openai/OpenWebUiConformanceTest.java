package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.testkit.Fixtures;
import io.modelgate.provider.testkit.ProviderConformanceSuite;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The conformance suite against Open WebUI: its {@code /api/models} shape, and chat at {@code /api/chat/completions}.
 * Open WebUI relays the OpenAI stream format, so the recorded OpenAI transcript stands in for its stream; its own
 * errors are FastAPI's {@code {"detail": …}}.
 */
class OpenWebUiConformanceTest extends ProviderConformanceSuite {
  @Override
  protected ProviderDriver driver() {
    return new OpenAiDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return ProviderInstance.builder("openwebui", ProviderKind.OPENWEBUI)
        .baseUrl(server.url("/").toString())
        .options(options)
        .build();
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(OpenAiConformanceTest.json(200,
        Fixtures.read("open-webui/api_models_response_shape_from_source.json")));
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.getTarget()).isEqualTo("/api/models");
      assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    });
    assertThat(listing.models()).singleElement().satisfies(m -> {
      assertThat(m.model()).isEqualTo("llama3.2:latest");
      assertThat(m.category()).isEqualTo(ModelCategory.TEXT);
      assertThat(m.rawMetadata()).contains("\"parameter_size\": \"3.2B\"");
    });
    assertThat(listing.models()).extracting(DiscoveredModel::displayName).containsOnlyNulls();
  }

  @Override
  protected String chatModel() {
    return "llama3.2:latest";
  }

  @Override
  protected MockResponse streamResponse() {
    return OpenAiConformanceTest.sse(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM));
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getTarget()).isEqualTo("/api/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    assertThat(Json.object(request.getBody().utf8())).containsEntry("model", "llama3.2:latest")
        .containsEntry("stream", true);
    assertThat(reply.text()).isEqualTo(OpenAiConformanceTest.REPLY);
  }

  @Override
  protected MockResponse errorResponse(int status) {
    return OpenAiConformanceTest.json(status, "{\"detail\":\"Open WebUI said " + status + "\"}");
  }

  @Override
  protected String truncatedStreamBody() {
    return OpenAiConformanceTest.firstEvents(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM), 3);
  }

  @Override
  protected String malformedStreamBody() {
    return OpenAiConformanceTest.firstEvents(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM), 1) + "data: {oops\n\n";
  }

  @Override
  protected boolean supportsEmbeddings() {
    return true;
  }

  @Override
  protected String embeddingModel() {
    return "nomic-embed-text:latest";
  }

  @Override
  protected MockResponse embeddingResponse() {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body(io.modelgate.provider.testkit.Fixtures.read("openai/embeddings_response.json")).build();
  }

  @Override
  protected void verifyEmbedding(RecordedRequest request, io.modelgate.core.chat.EmbeddingResponse response) {
    // Open WebUI serves OpenAI's embeddings shape at /api/embeddings, beside its /api/chat/completions.
    assertThat(request.getTarget()).isEqualTo("/api/embeddings");
    assertThat(request.getBody().utf8()).contains("\"model\":\"nomic-embed-text:latest\"");
  }
}
