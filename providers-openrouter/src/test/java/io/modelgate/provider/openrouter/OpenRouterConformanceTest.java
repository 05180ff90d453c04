package io.modelgate.provider.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.testkit.Fixtures;
import io.modelgate.provider.testkit.ProviderConformanceSuite;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The conformance suite against OpenRouter, on its spec fixtures. No recorded OpenRouter stream exists (see
 * SOURCES.md), and the assembled one has a single delta, so the stream here is OpenRouter's documented heartbeat
 * comment followed by the recorded OpenAI transcript, which OpenRouter relays in the same chunk format; the
 * assembled fixture itself is played in {@link OpenRouterChatTest}.
 */
class OpenRouterConformanceTest extends ProviderConformanceSuite {
  static final String HEARTBEAT = ": OPENROUTER PROCESSING\n\n";
  static final String OPENAI_STREAM = "openai/chat_completions_stream_text_with_usage.sse";

  @Override
  protected ProviderDriver driver() {
    return new OpenRouterDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(Map.of(OpenRouterDriver.REFERER_OPTION, "https://modelgate.example",
        OpenRouterDriver.TITLE_OPTION, "Modelgate"));
    all.putAll(options);
    return ProviderInstance.builder("openrouter", ProviderKind.OPENROUTER)
        .baseUrl(server.url("/api/v1").toString())
        .options(all)
        .build();
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(json(200, Fixtures.read("openrouter/models_list_response_spec.json")));
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.getTarget()).isEqualTo("/api/v1/models");
      assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    });
    assertThat(listing.models()).singleElement().satisfies(m -> {
      assertThat(m.model()).isEqualTo("openai/gpt-4");
      assertThat(m.displayName()).isEqualTo("GPT-4");
      assertThat(m.category()).isEqualTo(ModelCategory.TEXT);
      assertThat(m.contextWindow()).isEqualTo(8192);
      assertThat(m.maxOutputTokens()).isEqualTo(4096);
      assertThat(m.pricing().inputPerMillion()).isEqualByComparingTo("30");
      assertThat(m.pricing().outputPerMillion()).isEqualByComparingTo("60");
      assertThat(m.pricing().perRequest()).isEqualByComparingTo(BigDecimal.ZERO);
      assertThat(m.capabilities()).containsExactly(Capability.STREAMING);
      assertThat(m.rawMetadata()).contains("\"canonical_slug\": \"openai/gpt-4\"");
    });
    assertThat(listing.skipped()).isEmpty();
  }

  @Override
  protected String chatModel() {
    return "openai/gpt-4o";
  }

  @Override
  protected MockResponse streamResponse() {
    return sse(HEARTBEAT + Fixtures.read(OPENAI_STREAM));
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getTarget()).isEqualTo("/api/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    assertThat(request.getHeaders().get("HTTP-Referer")).isEqualTo("https://modelgate.example");
    assertThat(request.getHeaders().get("X-Title")).isEqualTo("Modelgate");
    assertThat(Json.object(request.getBody().utf8())).containsEntry("model", "openai/gpt-4o")
        .containsEntry("stream", true).containsEntry("usage", Map.of("include", true));
    assertThat(reply.text()).startsWith("I'm unable to provide real-time weather updates.");
    assertThat(reply.usage().promptTokens()).isEqualTo(14);
  }

  @Override
  protected MockResponse errorResponse(int status) {
    if (status == 409 || status == 504) { // no recorded OpenRouter body: its documented shape
      return json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"OpenRouter said " + status + "\"}}");
    }
    String file = status == 403 ? "error_403_insufficient-permissions_spec.json" : "error_" + status + "_spec.json";
    return json(status, Fixtures.read("openrouter/" + file));
  }

  @Override
  protected String truncatedStreamBody() {
    return HEARTBEAT + firstEvents(Fixtures.read(OPENAI_STREAM), 3);
  }

  @Override
  protected String malformedStreamBody() {
    return HEARTBEAT + firstEvents(Fixtures.read(OPENAI_STREAM), 1) + "data: {\"choices\":[\n\n";
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  static String firstEvents(String sse, int count) {
    String[] events = sse.split("\n\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(events[i]).append("\n\n");
    }
    return out.toString();
  }
}
