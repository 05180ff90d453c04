package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.testkit.Fixtures;
import io.modelgate.provider.testkit.ProviderConformanceSuite;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The shared provider suite on Anthropic's Messages API, with the SDK's recorded basic text stream. */
class AnthropicConformanceTest extends ProviderConformanceSuite {
  private final AnthropicDriver driver = new AnthropicDriver();

  @Override
  protected ProviderDriver driver() {
    return driver;
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return AnthropicTestSupport.instance(server, options);
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(AnthropicTestSupport.json(200, Fixtures.read("anthropic/models_list_response_docs.json")));
    server.enqueue(AnthropicTestSupport.json(200, AnthropicTestSupport.secondModelsPage()));
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(requests.get(0).getUrl().queryParameter("after_id")).isNull();
    assertThat(requests.get(1).getUrl().queryParameter("after_id")).isEqualTo("last_id");
    for (RecordedRequest request : requests) {
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getHeaders().get("x-api-key")).isEqualTo(FAKE_KEY);
      assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
      assertThat(request.getHeaders().get("Authorization")).isNull();
    }
    assertThat(listing.models()).extracting(DiscoveredModel::model)
        .containsExactly("claude-opus-4-6", "claude-haiku-4-5-20251001");
    DiscoveredModel opus = listing.models().getFirst();
    assertThat(opus.category()).isEqualTo(ModelCategory.TEXT);
    assertThat(opus.source()).isEqualTo(ModelSource.DISCOVERED);
    assertThat(opus.displayName()).isEqualTo("Claude Opus 4.6");
    assertThat(opus.contextWindow()).as("the docs' placeholder 0 is unknown; curated fills it").isEqualTo(200000);
    assertThat(opus.maxOutputTokens()).isEqualTo(128000);
    assertThat(opus.capabilities()).contains(Capability.VISION, Capability.JSON_OUTPUT, Capability.REASONING,
        Capability.TOOLS, Capability.STREAMING);
    assertThat(opus.pricing().inputPerMillion()).isEqualByComparingTo("5");
    assertThat(opus.pricing().outputPerMillion()).isEqualByComparingTo("25");
    assertThat(opus.pricing().cachedInputPerMillion()).isEqualByComparingTo("0.5");
    assertThat(opus.rawMetadata()).contains("\"image_input\"");
  }

  @Override
  protected String chatModel() {
    return "claude-3-opus-latest";
  }

  @Override
  protected MockResponse streamResponse() {
    return AnthropicTestSupport.sse(Fixtures.read(AnthropicTestSupport.BASIC_SSE));
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(FAKE_KEY);
    assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8()).isEqualTo("{\"model\":\"claude-3-opus-latest\",\"max_tokens\":4096,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}]}],\"stream\":true}");
    assertThat(reply.text()).isEqualTo("Hello there!");
    assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(reply.finishDetail()).isEqualTo("end_turn");
    assertThat(reply.usage()).isEqualTo(Usage.of(11, 6));
    assertThat(reply.toolCalls()).isEmpty();
  }

  @Override
  protected MockResponse errorResponse(int status) {
    return AnthropicTestSupport.errorResponse(status);
  }

  @Override
  protected String truncatedStreamBody() {
    return AnthropicTestSupport.firstEvents(AnthropicTestSupport.BASIC_SSE, 5);
  }

  @Override
  protected String malformedStreamBody() {
    return AnthropicTestSupport.firstEvents(AnthropicTestSupport.BASIC_SSE, 1)
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\n\n";
  }
}
