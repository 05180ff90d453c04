package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.provider.testkit.Fixtures;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Listing models: paging, enrichment, the curated fallback for keys that may not list, and the health probe. */
class AnthropicDiscoveryTest {
  private final MockWebServer server = new MockWebServer();
  private ProviderConnection connection;

  @BeforeEach
  void start() throws Exception {
    server.start();
    connection = new AnthropicDriver().connect(AnthropicTestSupport.instance(server, Map.of()),
        Secret.of("sk-ant-test-discovery-00000000000"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pagesAreFollowedWithAfterIdUntilHasMoreIsFalse() throws Exception {
    server.enqueue(AnthropicTestSupport.json(200, Fixtures.read("anthropic/models_list_response_docs.json")));
    server.enqueue(AnthropicTestSupport.json(200, AnthropicTestSupport.secondModelsPage()));
    ModelListing listing = connection.discovery().listModels();
    RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(first.getUrl().toString()).endsWith("/v1/models?limit=1000");
    assertThat(second.getUrl().toString()).endsWith("/v1/models?limit=1000&after_id=last_id");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(listing.models()).extracting(DiscoveredModel::model)
        .containsExactly("claude-opus-4-6", "claude-haiku-4-5-20251001");
  }

  @Test
  void listedModelKeepsItsOwnNameAndIsPricedFromTheCuratedList() {
    server.enqueue(AnthropicTestSupport.json(200, AnthropicTestSupport.secondModelsPage()));
    DiscoveredModel haiku = connection.discovery().listModels().models().getFirst();
    assertThat(haiku.model()).isEqualTo("claude-haiku-4-5-20251001");
    assertThat(haiku.displayName()).isEqualTo("Claude Haiku 4.5");
    assertThat(haiku.source()).isEqualTo(ModelSource.DISCOVERED);
    assertThat(haiku.pricing().outputPerMillion()).isEqualByComparingTo("5");
    assertThat(haiku.contextWindow()).isEqualTo(200000);
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {403, 404})
  void keyThatMayNotListGetsTheCuratedListAsItsListing(int status) {
    server.enqueue(AnthropicTestSupport.errorResponse(status));
    ModelListing listing = connection.discovery().listModels();
    assertThat(listing.models()).isNotEmpty().isEqualTo(connection.discovery().curatedModels());
    assertThat(listing.models()).allSatisfy(m -> assertThat(m.source()).isEqualTo(ModelSource.CURATED));
    assertThat(listing.models()).extracting(DiscoveredModel::model).contains("claude-sonnet-4-5", "claude-haiku-4-5");
  }

  @Test
  void refusedKeyIsAnErrorNotAFallback() {
    server.enqueue(AnthropicTestSupport.errorResponse(401));
    assertThatThrownBy(() -> connection.discovery().listModels()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("authentication_error");
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {500, 503, 529})
  void outageThrowsSoTheCatalogKeepsItsLastGoodList(int status) {
    server.enqueue(AnthropicTestSupport.errorResponse(status));
    assertThatThrownBy(() -> connection.discovery().listModels())
        .isInstanceOf(UpstreamUnavailableException.class)
        .satisfies(e -> assertThat(((UpstreamUnavailableException) e).status()).isEqualTo(status));
  }

  @Test
  void healthProbeTimesAOneModelListing() throws Exception {
    server.enqueue(AnthropicTestSupport.json(200, AnthropicTestSupport.secondModelsPage()));
    HealthStatus status = connection.health().probe();
    assertThat(status.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(status.latency()).isNotNull().isPositive();
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getUrl().toString()).endsWith("/v1/models?limit=1");
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test-discovery-00000000000");
  }

  @Test
  void healthProbeReportsDownOnAnOutageAndDegradedWhenListingIsRefused() {
    server.enqueue(AnthropicTestSupport.errorResponse(529));
    HealthStatus down = connection.health().probe();
    assertThat(down.state()).isEqualTo(HealthState.DOWN);
    assertThat(down.detail()).contains("529", "overloaded_error");
    server.enqueue(AnthropicTestSupport.errorResponse(403));
    assertThat(connection.health().probe().state()).isEqualTo(HealthState.DEGRADED);
  }

  @Test
  void healthProbeNeverThrowsWhenNothingAnswers() {
    server.close();
    HealthStatus status = connection.health().probe();
    assertThat(status.state()).isEqualTo(HealthState.DOWN);
    assertThat(status.detail()).isNotBlank();
  }
}
