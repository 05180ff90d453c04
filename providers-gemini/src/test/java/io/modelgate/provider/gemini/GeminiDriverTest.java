package io.modelgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.provider.testkit.Fixtures;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class GeminiDriverTest {
  private final GeminiDriver driver = new GeminiDriver();

  @Test
  void geminiApiKeyConfiguresTheSharedInstanceByReference() {
    var instances = driver.fromEnvironment(Map.of("GEMINI_API_KEY", "AIzaSyREAL-looking-key-000000000000"));
    assertThat(instances).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("gemini");
      assertThat(i.kind()).isEqualTo(ProviderKind.GEMINI);
      assertThat(i.credentialRef()).isEqualTo(CredentialRef.env("GEMINI_API_KEY"));
      assertThat(i.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
      assertThat(i.toString()).doesNotContain("AIzaSyREAL");
    });
  }

  @Test
  void geminiBaseUrlOverridesTheHost() {
    assertThat(driver.fromEnvironment(Map.of("GEMINI_API_KEY", "k", "GEMINI_BASE_URL", "http://localhost:8089")))
        .singleElement().extracting(ProviderInstance::baseUrl).isEqualTo("http://localhost:8089");
  }

  @Test
  void noGeminiVariablesMeansNoInstance() {
    assertThat(driver.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-x"))).isEmpty();
    assertThat(driver.fromEnvironment(Map.of("GEMINI_API_KEY", " "))).isEmpty();
  }

  @Test
  void baseUrlTakesNoVersionButToleratesOne() {
    assertThat(GeminiDriver.baseUrl(null).toString()).isEqualTo("https://generativelanguage.googleapis.com/");
    assertThat(GeminiDriver.baseUrl("https://proxy.example/gemini/v1beta/").toString())
        .isEqualTo("https://proxy.example/gemini");
  }

  @Test
  void otherKindsAreRefused() {
    assertThatThrownBy(() -> driver.connect(ProviderInstance.builder("x", ProviderKind.OPENAI).build(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openai");
  }

  @Test
  void healthProbeTimesAOneModelListing() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(GeminiTesting.fixture("models_list_response_page1_trimmed.json"));
      HealthStatus status = driver.connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY))
          .health().probe();
      assertThat(status.state()).isEqualTo(HealthState.HEALTHY);
      assertThat(status.latency()).isPositive();
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      assertThat(request.getTarget()).isEqualTo("/v1beta/models?pageSize=1");
      assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiTesting.KEY);
    }
  }

  @Test
  void healthProbeReportsABadKeyAsDownWithoutThrowing() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(GeminiTesting.json(400, Fixtures.read("gemini/error_400_api_key_invalid.json")));
      HealthStatus status = driver.connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY))
          .health().probe();
      assertThat(status.state()).isEqualTo(HealthState.DOWN);
      assertThat(status.detail()).isEqualTo("API key not valid. Please pass a valid API key.");
    }
  }

  @Test
  void healthProbeOfAnUnreachableHostIsDown() throws Exception {
    MockWebServer server = new MockWebServer();
    server.start();
    ProviderInstance instance = GeminiTesting.instance(server, Map.of());
    server.close();
    assertThat(driver.connect(instance, null).health().probe().state()).isEqualTo(HealthState.DOWN);
  }
}
