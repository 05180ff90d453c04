package io.modelgate.provider.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.provider.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metadata mapping, the key probe as health, and the environment contract. */
class OpenRouterDiscoveryTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ProviderConnection connect() {
    return new OpenRouterDriver().connect(ProviderInstance.builder("openrouter", ProviderKind.OPENROUTER)
        .baseUrl(server.url("/api/v1").toString()).build(), Secret.of("sk-or-v1-test-000000000000"));
  }

  @Test
  void modalitiesAndParametersBecomeCapabilitiesAndNonTextOutputIsSkipped() {
    // Entries in the shape of the models spec example, with the fields it leaves out of its one example filled in
    // as the schema documents them (input_cache_read, image input, embeddings and image output).
    server.enqueue(OpenRouterConformanceTest.json(200, """
        {"data":[
          {"id":"anthropic/claude-sonnet-4","name":"Anthropic: Claude Sonnet 4","context_length":200000,
           "architecture":{"input_modalities":["text","image"],"output_modalities":["text"]},
           "pricing":{"prompt":"0.000003","completion":"0.000015","request":"0","input_cache_read":"0.0000003"},
           "top_provider":{"context_length":200000,"max_completion_tokens":64000,"is_moderated":false},
           "supported_parameters":["tools","tool_choice","reasoning","include_reasoning","structured_outputs"]},
          {"id":"openai/text-embedding-3-small","name":"OpenAI: Text Embedding 3 Small","context_length":8192,
           "architecture":{"input_modalities":["text"],"output_modalities":["embeddings"]},
           "pricing":{"prompt":"0.00000002","completion":"0"}},
          {"id":"google/gemini-2.5-flash-image","architecture":{"input_modalities":["text","image"],
           "output_modalities":["image"]},"pricing":{"prompt":"0.0000003","completion":"0.0000025"}},
          {"id":"openrouter/auto","architecture":{"input_modalities":["text"],"output_modalities":["text"]},
           "pricing":{"prompt":"-1","completion":"-1"}}
        ]}"""));
    ModelListing listing = connect().discovery().listModels();

    assertThat(listing.models()).extracting(DiscoveredModel::model)
        .containsExactly("anthropic/claude-sonnet-4", "openai/text-embedding-3-small", "openrouter/auto");
    assertThat(listing.skipped()).isEqualTo(Map.of("image", 1));
    DiscoveredModel claude = listing.models().getFirst();
    assertThat(claude.capabilities()).containsExactlyInAnyOrder(Capability.STREAMING, Capability.VISION,
        Capability.TOOLS, Capability.JSON_OUTPUT, Capability.REASONING);
    assertThat(claude.maxOutputTokens()).isEqualTo(64000);
    assertThat(claude.pricing().inputPerMillion()).isEqualByComparingTo("3");
    assertThat(claude.pricing().outputPerMillion()).isEqualByComparingTo("15");
    assertThat(claude.pricing().cachedInputPerMillion()).isEqualByComparingTo("0.3");
    assertThat(listing.models().get(1).category()).isEqualTo(ModelCategory.EMBEDDING);
    assertThat(listing.models().get(1).pricing().inputPerMillion()).isEqualByComparingTo("0.02");
    assertThat(listing.models().get(2).pricing()).as("a negative price means 'varies', not a price").isNull();
  }

  @Test
  void healthProbesTheKeyAndShowsTheCreditLeft() throws Exception {
    server.enqueue(OpenRouterConformanceTest.json(200, Fixtures.read("openrouter/key_response_spec.json")));
    HealthStatus status = connect().health().probe();
    assertThat(status.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(status.detail()).isEqualTo("$74.5 credit left of $100 (resets monthly); $25.5 used");
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/api/v1/key");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-or-v1-test-000000000000");
  }

  @Test
  void aKeyWithNoCreditLeftIsDegradedAndARefusedKeyDown() {
    server.enqueue(OpenRouterConformanceTest.json(200,
        "{\"data\":{\"limit\":10,\"limit_remaining\":0,\"limit_reset\":null,\"usage\":10}}"));
    HealthStatus empty = connect().health().probe();
    assertThat(empty.state()).isEqualTo(HealthState.DEGRADED);
    assertThat(empty.detail()).startsWith("no credit left of $10");
    server.enqueue(OpenRouterConformanceTest.json(401, Fixtures.read("openrouter/error_401_spec.json")));
    assertThat(connect().health().probe().state()).isEqualTo(HealthState.DOWN);
  }

  @Test
  void environmentContractMakesTheOpenrouterInstance() {
    OpenRouterDriver driver = new OpenRouterDriver();
    assertThat(driver.fromEnvironment(Map.of())).isEmpty();
    List<ProviderInstance> found = driver.fromEnvironment(Map.of("OPENROUTER_API_KEY", "sk-or-v1-secret-123456"));
    assertThat(found).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("openrouter");
      assertThat(i.kind()).isEqualTo(ProviderKind.OPENROUTER);
      assertThat(i.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
      assertThat(i.credentialRef()).isEqualTo(CredentialRef.env("OPENROUTER_API_KEY"));
    });
    assertThat(driver.fromEnvironment(Map.of("OPENROUTER_API_KEY", "k", "OPENROUTER_BASE_URL",
        "http://localhost:7777/api/v1")).getFirst().baseUrl()).isEqualTo("http://localhost:7777/api/v1");
  }

  @Test
  void aPagedListIsFollowedToItsLastPage() throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
        {"data":[{"id":"openai/gpt-4o","name":"GPT-4o","context_length":128000,
          "architecture":{"input_modalities":["text"],"output_modalities":["text"]}}],
         "links":{"next":"/api/v1/models?offset=1&limit=1"}}""").build());
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
        {"data":[{"id":"anthropic/claude-3.5-sonnet","name":"Claude 3.5 Sonnet",
          "architecture":{"input_modalities":["text"],"output_modalities":["text"]}}],
         "links":{"next":null}}""").build());
    var listing = connect().discovery().listModels();
    assertThat(listing.models()).extracting(io.modelgate.core.model.DiscoveredModel::model)
        .containsExactly("openai/gpt-4o", "anthropic/claude-3.5-sonnet");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/models");
    var second = server.takeRequest();
    assertThat(second.getUrl().encodedPath()).isEqualTo("/api/v1/models");
    assertThat(second.getUrl().queryParameter("offset")).isEqualTo("1");
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer sk-or-v1-test-000000000000");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aNextPageThatPointsBackIsNotFetchedAgain() {
    String loop = """
        {"data":[{"id":"openai/gpt-4o","architecture":{"output_modalities":["text"]}}],
         "links":{"next":"/api/v1/models"}}""";
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json").body(loop).build());
    assertThat(connect().discovery().listModels().models()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void embeddingsGoToOpenRoutersEmbeddingsEndpoint() throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
        {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25]}],
         "model":"openai/text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}""").build());
    var response = connect().embeddings().embed("openai/text-embedding-3-small",
        io.modelgate.core.chat.EmbeddingRequest.of(null, "hello there"));
    assertThat(response.vectors()).singleElement().satisfies(v -> assertThat(v).containsExactly(0.5f, -0.25f));
    var sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/embeddings");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer sk-or-v1-test-000000000000");
  }
}
