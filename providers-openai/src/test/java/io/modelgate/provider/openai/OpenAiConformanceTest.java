package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
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

/** The conformance suite against OpenAI itself, on the recorded OpenAI payloads. */
class OpenAiConformanceTest extends ProviderConformanceSuite {
  static final String TEXT_STREAM = "openai/chat_completions_stream_text_with_usage.sse";
  static final String REPLY = "I'm unable to provide real-time weather updates. To get the current weather in San"
      + " Francisco, I recommend checking a reliable weather website or a weather app.";

  @Override
  protected ProviderDriver driver() {
    return new OpenAiDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return ProviderInstance.builder("openai", ProviderKind.OPENAI)
        .baseUrl(server.url("/v1").toString())
        .options(options)
        .build();
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(json(200, Fixtures.read("openai/models_list_response.json")));
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).hasSize(1);
    assertThat(requests.getFirst().getMethod()).isEqualTo("GET");
    assertThat(requests.getFirst().getTarget()).isEqualTo("/v1/models");
    assertThat(requests.getFirst().getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    assertThat(listing.models()).extracting(DiscoveredModel::model)
        .containsExactly("model-id-0", "model-id-1", "model-id-2");
    assertThat(listing.models()).allSatisfy(m -> assertThat(m.category()).isEqualTo(ModelCategory.TEXT));
    assertThat(listing.models().get(2).rawMetadata()).contains("\"shutdown_date\": \"2026-10-23\"");
    assertThat(listing.skipped()).isEmpty();
  }

  @Override
  protected String chatModel() {
    return "gpt-4o-2024-08-06";
  }

  @Override
  protected MockResponse streamResponse() {
    return sse(Fixtures.read(TEXT_STREAM));
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    Map<String, Object> body = Json.object(request.getBody().utf8());
    assertThat(body).containsEntry("model", "gpt-4o-2024-08-06").containsEntry("stream", true)
        .containsEntry("stream_options", Map.of("include_usage", true));
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "user", "content", "Hello!")));
    assertThat(reply.text()).isEqualTo(REPLY);
    assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(reply.usage()).isEqualTo(Usage.of(14, 30));
  }

  @Override
  protected MockResponse errorResponse(int status) {
    return switch (status) {
      case 401 -> json(401, Fixtures.read("openai/error_401_invalid_api_key.json"));
      case 404 -> json(404, Fixtures.read("openai/error_404_model_not_found.json"));
      case 429 -> json(429, Fixtures.read("openai/error_429_rate_limit_exceeded_tokens.json"));
      // No recorded OpenAI body for these statuses: the same documented shape, with a message of our own.
      default -> json(status, "{\"error\":{\"message\":\"upstream said " + status
          + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    };
  }

  @Override
  protected String truncatedStreamBody() {
    return firstEvents(Fixtures.read(TEXT_STREAM), 3);
  }

  @Override
  protected String malformedStreamBody() {
    return firstEvents(Fixtures.read(TEXT_STREAM), 1) + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\n\n";
  }

  @Override
  protected boolean supportsEmbeddings() {
    return true;
  }

  @Override
  protected String embeddingModel() {
    return "text-embedding-ada-002";
  }

  @Override
  protected MockResponse embeddingResponse() {
    return json(200, Fixtures.read("openai/embeddings_response.json"));
  }

  @Override
  protected void verifyEmbedding(RecordedRequest request, EmbeddingResponse response) {
    assertThat(request.getTarget()).isEqualTo("/v1/embeddings");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    assertThat(Json.object(request.getBody().utf8())).containsEntry("model", "text-embedding-ada-002")
        .containsEntry("input", List.of("The food was delicious and the waiter..."))
        .containsEntry("encoding_format", "float");
    assertThat(response.vectors()).hasSize(1);
    assertThat(response.vectors().getFirst()).containsExactly(0.0023064255f, -0.009327292f, -0.0028842222f);
    assertThat(response.usage().promptTokens()).isEqualTo(8);
  }

  // ---- helpers shared by this module's tests --------------------------------------------------------------------

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** The first {@code count} events (blank-line separated) of an SSE body. */
  static String firstEvents(String sse, int count) {
    String[] events = sse.split("\n\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(events[i]).append("\n\n");
    }
    return out.toString();
  }
}
