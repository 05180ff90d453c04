package io.modelgate.provider.ollama;

import static io.modelgate.provider.ollama.OllamaTesting.assertJsonBody;
import static io.modelgate.provider.ollama.OllamaTesting.fixture;
import static io.modelgate.provider.ollama.OllamaTesting.json;
import static io.modelgate.provider.ollama.OllamaTesting.lines;
import static io.modelgate.provider.ollama.OllamaTesting.ndjsonLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.testkit.ProviderConformanceSuite;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The conformance suite against a keyless Ollama node, on the docs' payloads. Ollama's documented chat stream has
 * one content line and the final line; the stream used here is three verbatim fixture lines: the "The" content line
 * and the final line of {@code api_chat_stream_transcript.ndjson} around the tool-call line of
 * {@code api_chat_tools_stream_transcript.ndjson} (same model), so it carries more than one delta.
 */
class OllamaConformanceTest extends ProviderConformanceSuite {
  private static final List<String> CHAT = lines("api_chat_stream_transcript.ndjson");
  private static final List<String> TOOLS = lines("api_chat_tools_stream_transcript.ndjson");

  @Override
  protected ProviderDriver driver() {
    return new OllamaDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return OllamaTesting.instance(server, options);
  }

  @Override
  protected io.modelgate.core.model.@Nullable Secret apiKey() {
    return null;
  }

  /** The Authorization header every request must carry: none for a keyless node. */
  protected @Nullable String expectedAuthorization() {
    return null;
  }

  @Override
  protected String streamContentType() {
    return "application/x-ndjson";
  }

  /** {@code /api/tags} lists two models; {@code /api/show} answers for llama3.2 and fails for deepseek-r1. */
  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/api/tags")) {
          return json(200, fixture("api_tags_response.json"));
        }
        if (path.equals("/api/show") && request.getBody() != null
            && request.getBody().utf8().contains("llama3.2:latest")) {
          return json(200, fixture("api_show_response_llava.json"));
        }
        return json(500, fixture("error_response.json"));
      }
    });
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).hasSize(3);
    assertThat(requests.getFirst().getMethod()).isEqualTo("GET");
    assertThat(requests.getFirst().getUrl().encodedPath()).isEqualTo("/api/tags");
    List<RecordedRequest> shows = requests.subList(1, 3);
    assertThat(shows).allSatisfy(r -> {
      assertThat(r.getMethod()).isEqualTo("POST");
      assertThat(r.getUrl().encodedPath()).isEqualTo("/api/show");
    });
    assertThat(shows).extracting(r -> OllamaTesting.parse(r.getBody().utf8())).containsExactlyInAnyOrder(
        Map.of("model", "deepseek-r1:latest"), Map.of("model", "llama3.2:latest"));
    assertThat(requests).allSatisfy(r -> assertThat(OllamaTesting.authorization(r)).isEqualTo(expectedAuthorization()));

    assertThat(listing.models()).extracting(DiscoveredModel::model)
        .containsExactly("deepseek-r1:latest", "llama3.2:latest");
    DiscoveredModel deepseek = listing.models().get(0);
    assertThat(deepseek.category()).isEqualTo(ModelCategory.TEXT);
    assertThat(deepseek.contextWindow()).isNull();
    assertThat(deepseek.description()).isEqualTo("7.6B parameters, Q4_K_M");
    assertThat(deepseek.pricing()).isEqualTo(Pricing.FREE);
    DiscoveredModel llama = listing.models().get(1);
    assertThat(llama.contextWindow()).isEqualTo(8192);
    assertThat(llama.capabilities()).contains(Capability.VISION, Capability.STREAMING)
        .doesNotContain(Capability.TOOLS);
    assertThat(llama.displayName()).isEqualTo("llama3.2:latest");
  }

  @Override
  protected String chatModel() {
    return "llama3.2";
  }

  @Override
  protected MockResponse streamResponse() {
    return ndjsonLines(List.of(CHAT.get(0), TOOLS.get(0), CHAT.get(1)));
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(OllamaTesting.authorization(request)).isEqualTo(expectedAuthorization());
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertJsonBody(request, """
        {"model":"llama3.2","messages":[{"role":"user","content":"Hello!"}],"stream":true}""");
    assertThat(reply.text()).isEqualTo("The");
    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(OllamaTesting.parse(call.arguments())).isEqualTo(Map.of("city", "Tokyo"));
      assertThat(call.id()).startsWith("call_");
    });
    assertThat(reply.usage()).isEqualTo(Usage.of(26, 282));
    assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Override
  protected MockResponse errorResponse(int status) {
    return json(status, fixture("error_response.json"));
  }

  @Override
  protected String truncatedStreamBody() {
    return CHAT.get(0) + "\n";
  }

  @Override
  protected String malformedStreamBody() {
    return CHAT.get(0) + "\n{\"model\":\"llama3.2\",\"message\":{\"role\":\n" + CHAT.get(1) + "\n";
  }

  @Override
  protected boolean supportsEmbeddings() {
    return true;
  }

  @Override
  protected String embeddingModel() {
    return "all-minilm";
  }

  @Override
  protected MockResponse embeddingResponse() {
    return json(200, fixture("api_embed_response.json"));
  }

  @Override
  protected void verifyEmbedding(RecordedRequest request, EmbeddingResponse response) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/embed");
    assertThat(OllamaTesting.authorization(request)).isEqualTo(expectedAuthorization());
    assertJsonBody(request, """
        {"model":"all-minilm","input":["The food was delicious and the waiter..."]}""");
    assertThat(response.vectors()).singleElement().satisfies(v -> {
      assertThat(v).hasSize(10);
      assertThat(v[0]).isEqualTo(0.010071029f);
    });
    assertThat(response.usage()).isEqualTo(Usage.of(8, 0));
  }
}
