package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.provider.openai.internal.HealthCheck;
import io.modelgate.provider.testkit.Fixtures;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Presets, keyless servers and the health probe. */
class OpenAiConnectionTest extends ServerTest {
  private final OpenAiDriver driver = new OpenAiDriver();

  private ProviderInstance.Builder instance(String id, ProviderKind kind) {
    return ProviderInstance.builder(id, kind).baseUrl(server.url("/v1").toString());
  }

  @Test
  void aKeylessLocalServerGetsNoAuthorizationHeader() throws Exception {
    server.enqueue(OpenAiConformanceTest.sse(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM)));
    driver.connect(instance("vllm", ProviderKind.OPENAI_COMPATIBLE).build(), null).chat()
        .complete("meta-llama/Llama-3.1-8B-Instruct", ChatRequest.of(null, "Hi"));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void falsPresetSendsItsKeyWithTheKeyScheme() throws Exception {
    server.enqueue(OpenAiConformanceTest.sse(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM)));
    driver.connect(instance("my-fal", ProviderKind.OPENAI_COMPATIBLE)
            .options(Map.of(OpenAiDriver.PRESET_OPTION, "fal")).build(), Secret.of("fal-key-0000")).chat()
        .complete("google/gemini-2.5-flash", ChatRequest.of(null, "Hi"));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Key fal-key-0000");
  }

  @Test
  void presetsKnowTheirBaseUrls() {
    assertThat(Preset.named("groq").orElseThrow().baseUrl).isEqualTo("https://api.groq.com/openai/v1");
    assertThat(Preset.named("together").orElseThrow().baseUrl).isEqualTo("https://api.together.xyz/v1");
    assertThat(Preset.named("llamacpp").orElseThrow().baseUrl).isEqualTo("http://localhost:8080/v1");
    assertThat(Preset.named("lmstudio").orElseThrow().baseUrl).isEqualTo("http://localhost:1234/v1");
    assertThat(Preset.of(ProviderInstance.builder("work-llm", ProviderKind.OPENAI_COMPATIBLE)
        .options(Map.of("preset", "mistral")).build())).contains(Preset.MISTRAL);
  }

  @Test
  void anUnknownPresetOrAMissingBaseUrlIsAConfigurationError() {
    assertThatThrownBy(() -> driver.connect(ProviderInstance.builder("x", ProviderKind.OPENAI_COMPATIBLE)
        .options(Map.of("preset", "nope")).build(), null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown preset 'nope'");
    assertThatThrownBy(() -> driver.connect(ProviderInstance.builder("x", ProviderKind.OPENAI_COMPATIBLE).build(),
        null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a 'baseUrl'");
  }

  @Test
  void healthIsHealthyWhenTheListAnswersQuickly() throws Exception {
    server.enqueue(OpenAiConformanceTest.json(200, Fixtures.read("openai/models_list_response.json")));
    HealthStatus status = driver.connect(instance("openai", ProviderKind.OPENAI).build(), Secret.of("sk-h-000000"))
        .health().probe();
    assertThat(status.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(status.latency()).isNotNull();
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).isEqualTo("/v1/models");
  }

  @Test
  void healthIsDegradedWhenSlowOrRateLimitedAndDownWhenRefused() {
    var slow = driver.connect(instance("openai", ProviderKind.OPENAI)
        .options(Map.of(HealthCheck.SLOW_OPTION, "100")).build(), Secret.of("sk-h-000000")).health();
    server.enqueue(OpenAiConformanceTest.json(200, Fixtures.read("openai/models_list_response.json")).newBuilder()
        .headersDelay(300, TimeUnit.MILLISECONDS).build());
    assertThat(slow.probe().state()).isEqualTo(HealthState.DEGRADED);

    var probe = driver.connect(instance("openai", ProviderKind.OPENAI).build(), Secret.of("sk-h-000000")).health();
    server.enqueue(OpenAiConformanceTest.json(429, Fixtures.read("openai/error_429_insufficient_quota.json")));
    assertThat(probe.probe().state()).isEqualTo(HealthState.DEGRADED);
    server.enqueue(OpenAiConformanceTest.json(401, Fixtures.read("openai/error_401_invalid_api_key.json")));
    HealthStatus down = probe.probe();
    assertThat(down.state()).isEqualTo(HealthState.DOWN);
    assertThat(down.detail()).startsWith("HTTP 401: Incorrect API key provided");
  }

  @Test
  void healthIsDownWhenNothingAnswers() {
    var probe = driver.connect(ProviderInstance.builder("local", ProviderKind.OPENAI_COMPATIBLE)
        .baseUrl("http://127.0.0.1:1/v1").build(), null).health();
    assertThat(probe.probe().state()).isEqualTo(HealthState.DOWN);
  }
}
