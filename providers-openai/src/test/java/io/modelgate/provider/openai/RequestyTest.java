package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Requesty (seed 001 §3.3) through its environment contract, pointed at a fake: its model list, which describes
 * each model, normalised into the catalog's fields, and its health read from that list. Payload: requesty/SOURCES.md.
 */
class RequestyTest extends ServerTest {
  private static final String KEY = "rqsty-sk-test-0123456789abcdef";

  private ProviderConnection connect() {
    ProviderInstance requesty = new OpenAiDriver().fromEnvironment(Map.of("REQUESTY_API_KEY", KEY,
        "REQUESTY_BASE_URL", server.url("/v1").toString())).getFirst();
    assertThat(requesty.id()).isEqualTo("requesty");
    return new OpenAiDriver().connect(requesty, Secret.of(KEY));
  }

  private static String fixture() throws IOException {
    try (InputStream in = RequestyTest.class.getResourceAsStream("/requesty/models_response.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void itsModelListIsNormalisedIntoTheCatalogsFields() throws Exception {
    server.enqueue(json(200, fixture()));
    ModelListing listing = connect().discovery().listModels();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);

    Map<String, DiscoveredModel> byId = listing.models().stream()
        .collect(Collectors.toMap(DiscoveredModel::model, Function.identity()));
    DiscoveredModel sonnet = byId.get("anthropic/claude-3-5-sonnet-20240620");
    assertThat(sonnet.category()).isEqualTo(ModelCategory.TEXT);
    assertThat(sonnet.contextWindow()).isEqualTo(200000);
    assertThat(sonnet.maxOutputTokens()).isEqualTo(8192);
    assertThat(sonnet.description()).startsWith("Anthropic's previous most intelligent model");
    // US dollars per token in the list, per million tokens in the catalog
    assertThat(sonnet.pricing().inputPerMillion()).isEqualByComparingTo("2.8");
    assertThat(sonnet.pricing().outputPerMillion()).isEqualByComparingTo("15");
    assertThat(sonnet.pricing().cachedInputPerMillion()).isEqualByComparingTo("0.3");
    assertThat(sonnet.capabilities()).containsExactlyInAnyOrder(Capability.STREAMING, Capability.VISION);
    assertThat(sonnet.rawMetadata()).contains("\"supports_computer_use\":true");

    DiscoveredModel o4 = byId.get("openai/o4-mini");
    assertThat(o4.pricing().inputPerMillion()).as("prices given as strings").isEqualByComparingTo("1.1");
    assertThat(o4.pricing().cachedInputPerMillion()).isEqualByComparingTo("0.275");
    assertThat(o4.capabilities()).contains(Capability.REASONING, Capability.VISION);

    DiscoveredModel embedding = byId.get("openai/text-embedding-3-small");
    assertThat(embedding.category()).isEqualTo(ModelCategory.EMBEDDING);
    assertThat(embedding.pricing().inputPerMillion()).isEqualByComparingTo("0.02");
    assertThat(embedding.contextWindow()).isEqualTo(8191);

    DiscoveredModel llama = byId.get("novita/meta-llama/llama-3.2-1b-instruct");
    assertThat(llama.maxOutputTokens()).as("0 means unknown").isNull();
    assertThat(llama.capabilities()).as("a list that says nothing of it: it streams").containsExactly(
        Capability.STREAMING);
  }

  @Test
  void itsHealthIsItsAuthenticatedModelListAndAWrongKeyIsDownWithoutTheKey() throws Exception {
    ProviderConnection requesty = connect();
    server.enqueue(json(200, fixture()));
    var healthy = requesty.health().probe();
    assertThat(healthy.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(healthy.latency()).isNotNull();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/models");

    server.enqueue(json(401, "{\"error\":{\"message\":\"Invalid API key " + KEY + "\",\"type\":\"invalid_request_error\"}}"));
    var refused = requesty.health().probe();
    assertThat(refused.state()).isNotEqualTo(HealthState.HEALTHY);
    assertThat(String.valueOf(refused.detail())).doesNotContain(KEY);
  }
}
