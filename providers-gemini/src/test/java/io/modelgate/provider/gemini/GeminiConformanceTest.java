package io.modelgate.provider.gemini;

import static io.modelgate.provider.gemini.GeminiTesting.at;
import static io.modelgate.provider.gemini.GeminiTesting.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.testkit.Fixtures;
import io.modelgate.provider.testkit.ProviderConformanceSuite;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The shared conformance suite against the Generative Language API, on the real Gemini fixtures. */
class GeminiConformanceTest extends ProviderConformanceSuite {
  private static final String SHORT = Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse");

  @Override
  protected ProviderDriver driver() {
    return new GeminiDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return GeminiTesting.instance(server, options);
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(GeminiTesting.fixture("models_list_response_page1.json"));
    server.enqueue(GeminiTesting.json(200, GeminiTesting.MODELS_PAGE_2));
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).hasSize(2);
    assertThat(requests.getFirst().getTarget()).isEqualTo("/v1beta/models?pageSize=1000");
    assertThat(requests.get(1).getUrl().queryParameter("pageToken"))
        .isEqualTo("CiRtb2RlbHMvZ2VtaW5pLTIuMC1mbGFzaC10aGlua2luZy0wMDE=");
    for (RecordedRequest r : requests) {
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getHeaders().get("x-goog-api-key")).isEqualTo(FAKE_KEY);
      assertThat(r.getUrl().queryParameter("key")).isNull();
    }
    // 50 on page 1, 6 entries on page 2: one listed twice (text + embedding), two skipped.
    assertThat(listing.models()).hasSize(50 + 4 + 1);
    assertThat(listing.skipped()).containsExactly(Map.entry("no-supported-method", 2));
    DiscoveredModel flash = listing.models().stream().filter(m -> m.model().equals("gemini-2.0-flash"))
        .findFirst().orElseThrow();
    assertThat(flash.contextWindow()).isEqualTo(1048576);
    assertThat(flash.maxOutputTokens()).isEqualTo(8192);
    assertThat(flash.pricing()).isNotNull();
  }

  @Override
  protected String chatModel() {
    return "gemini-2.0-flash";
  }

  @Override
  protected MockResponse streamResponse() {
    return GeminiTesting.sse(SHORT);
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
    assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(FAKE_KEY);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    Map<String, Object> body = body(request);
    assertThat(at(body, "contents", 0, "role")).isEqualTo("user");
    assertThat(at(body, "contents", 0, "parts", 0, "text")).isEqualTo("Hello!");
    assertThat(body).doesNotContainKeys("systemInstruction", "tools", "generationConfig");
    assertThat(reply.text()).isEqualTo("The capital of Wyoming is **Cheyenne**.\n");
    assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(reply.usage()).isEqualTo(Usage.of(7, 10));
  }

  @Override
  protected MockResponse errorResponse(int status) {
    return switch (status) {
      // Real bodies from the fixtures.
      case 403 -> GeminiTesting.json(403, Fixtures.read("gemini/error_403_service_disabled.json"));
      case 404 -> GeminiTesting.json(404, Fixtures.read("gemini/error_404_model_not_found.json"));
      // Constructed in Google's google.rpc.Status shape where no recorded body exists.
      case 502 -> new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
          .body("<html><body>502 Bad Gateway</body></html>").build();
      default -> GeminiTesting.json(status, googleStatus(status));
    };
  }

  private static String googleStatus(int code) {
    String[] statusAndMessage = switch (code) {
      case 400 -> new String[] {"INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \\\"foo\\\": "
          + "Cannot find field."};
      case 401 -> new String[] {"UNAUTHENTICATED", "Request had invalid authentication credentials."};
      case 408, 504 -> new String[] {"DEADLINE_EXCEEDED", "The request timed out."};
      case 409 -> new String[] {"ABORTED", "The request was aborted."};
      case 422 -> new String[] {"FAILED_PRECONDITION", "The request cannot be processed."};
      case 429 -> new String[] {"RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."};
      case 503 -> new String[] {"UNAVAILABLE", "The model is overloaded. Please try again later."};
      default -> new String[] {"INTERNAL", "An internal error has occurred."};
    };
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + statusAndMessage[1] + "\",\"status\":\""
        + statusAndMessage[0] + "\"}}";
  }

  @Override
  protected String truncatedStreamBody() {
    List<String> events = GeminiTesting.events(SHORT);
    return events.get(0) + "\n\n" + events.get(1) + "\n\n";
  }

  @Override
  protected String malformedStreamBody() {
    return GeminiTesting.events(SHORT).getFirst() + "\n\ndata: {\"candidates\": [{\"content\": {\"parts\"\n\n";
  }

  @Override
  protected boolean supportsEmbeddings() {
    return true;
  }

  @Override
  protected String embeddingModel() {
    return "gemini-embedding-001";
  }

  @Override
  protected MockResponse embeddingResponse() {
    return GeminiTesting.fixture("embedContent_response_truncated.json");
  }

  @Override
  protected void verifyEmbedding(RecordedRequest request, EmbeddingResponse response) {
    assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
    assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(FAKE_KEY);
    assertThat(at(body(request), "content", "parts", 0, "text"))
        .isEqualTo("The food was delicious and the waiter...");
    assertThat(response.vectors()).hasSize(1);
    assertThat(response.vectors().getFirst()).hasSize(7).startsWith(-0.02342152f, 0.01676572f);
  }
}
