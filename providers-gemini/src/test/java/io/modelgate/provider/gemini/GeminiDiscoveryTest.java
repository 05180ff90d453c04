package io.modelgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ModelDiscovery;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiDiscoveryTest {
  private final MockWebServer server = new MockWebServer();
  private ModelDiscovery discovery;

  @BeforeEach
  void start() throws Exception {
    server.start();
    discovery = new GeminiDriver().connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY))
        .discovery();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ModelListing listTwoPages() {
    server.enqueue(GeminiTesting.fixture("models_list_response_page1_trimmed.json"));
    server.enqueue(GeminiTesting.json(200, GeminiTesting.MODELS_PAGE_2));
    return discovery.listModels();
  }

  private static DiscoveredModel find(ModelListing listing, String name, ModelCategory category) {
    return listing.models().stream().filter(m -> m.model().equals(name) && m.category() == category)
        .findFirst().orElseThrow(() -> new AssertionError(name + " / " + category + " not listed"));
  }

  @Test
  void pagingFollowsNextPageTokenUntilThereIsNone() throws Exception {
    listTwoPages();
    RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1beta/models");
    assertThat(first.getUrl().queryParameter("pageSize")).isEqualTo("1000");
    assertThat(first.getUrl().queryParameter("pageToken")).isNull();
    assertThat(second.getUrl().queryParameter("pageToken"))
        .isEqualTo("CiRtb2RlbHMvZ2VtaW5pLTIuMC1mbGFzaC10aGlua2luZy0wMDE=");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void keyTravelsOnlyInTheHeaderNeverInTheUrl() throws Exception {
    listTwoPages();
    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiTesting.KEY);
      assertThat(request.getUrl().toString()).doesNotContain(GeminiTesting.KEY).doesNotContain("key=");
    }
  }

  @Test
  void modelsPrefixIsStrippedAndLimitsAndTextComeFromTheList() {
    DiscoveredModel flash = find(listTwoPages(), "gemini-2.0-flash", ModelCategory.TEXT);
    assertThat(flash.displayName()).isEqualTo("Gemini 2.0 Flash");
    assertThat(flash.description()).isNotBlank();
    assertThat(flash.contextWindow()).isEqualTo(1048576);
    assertThat(flash.maxOutputTokens()).isEqualTo(8192);
    assertThat(flash.source()).isEqualTo(ModelSource.DISCOVERED);
    assertThat(flash.rawMetadata()).contains("\"name\": \"models/gemini-2.0-flash\"");
  }

  @Test
  void thinkingModelsReasonAndCuratedPricesFillTheGaps() {
    ModelListing listing = listTwoPages();
    DiscoveredModel flash25 = find(listing, "gemini-2.5-flash", ModelCategory.TEXT);
    assertThat(flash25.capabilities()).contains(Capability.STREAMING, Capability.REASONING, Capability.TOOLS);
    assertThat(flash25.pricing()).isEqualTo(new Pricing(new BigDecimal("0.3"), new BigDecimal("2.5"),
        new BigDecimal("0.03"), null));
    // A dated variant finds its family's prices through the dataset's match rule.
    DiscoveredModel flash001 = find(listing, "gemini-2.0-flash-001", ModelCategory.TEXT);
    assertThat(flash001.pricing().inputPerMillion()).isEqualByComparingTo("0.1");
    assertThat(flash001.contextWindow()).as("the list's limit wins over the curated one").isEqualTo(1048576);
  }

  @Test
  void generationMethodsGiveTheCategoriesAndUnsupportedModelsAreCounted() {
    ModelListing listing = listTwoPages();
    assertThat(find(listing, "gemini-2.5-flash-preview-tts", ModelCategory.TTS).capabilities()).isEmpty();
    DiscoveredModel embedding = find(listing, "gemini-embedding-001", ModelCategory.EMBEDDING);
    assertThat(embedding.contextWindow()).isEqualTo(2048);
    assertThat(embedding.pricing().inputPerMillion()).isEqualByComparingTo("0.15");
    assertThat(listing.models()).filteredOn(m -> m.model().equals("gemini-hybrid-exp"))
        .extracting(DiscoveredModel::category)
        .containsExactly(ModelCategory.TEXT, ModelCategory.EMBEDDING);
    assertThat(listing.models()).extracting(DiscoveredModel::model).doesNotContain("aqa", "imagen-4.0-generate-001");
    assertThat(listing.skipped()).isEqualTo(Map.of("no-supported-method", 2));
    assertThat(listing.models()).hasSize(6 + 5);
  }

  @Test
  void curatedModelsComeFromTheShippedResource() {
    List<DiscoveredModel> curated = discovery.curatedModels();
    assertThat(curated).isNotEmpty().allSatisfy(m -> assertThat(m.source()).isEqualTo(ModelSource.CURATED));
    DiscoveredModel embedding = curated.stream().filter(m -> m.model().equals("gemini-embedding-001"))
        .findFirst().orElseThrow();
    assertThat(embedding.category()).isEqualTo(ModelCategory.EMBEDDING);
    assertThat(curated).extracting(DiscoveredModel::model).doesNotContain("claude-3-5-sonnet");
    assertThat(server.getRequestCount()).as("curated models need no call").isZero();
  }
}
