package io.modelgate.provider.ollama;

import static io.modelgate.provider.ollama.OllamaTesting.assertJsonBody;
import static io.modelgate.provider.ollama.OllamaTesting.fixture;
import static io.modelgate.provider.ollama.OllamaTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Embeddings, the health probe and what a node has loaded. */
class OllamaNodeCallsTest extends OllamaServerTest {
  @Test
  void embedSendsEveryInputInOneCallAndReadsOneVectorEach() throws Exception {
    server.enqueue(json(200, fixture("api_embed_multi_response.json")));

    EmbeddingResponse response = connect().embeddings().embed("all-minilm",
        EmbeddingRequest.of(null, "Why is the sky blue?", "Why is the grass green?"));

    RecordedRequest request = taken();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/embed");
    assertJsonBody(request, fixture("api_embed_multi_request.json"));
    assertThat(response.vectors()).hasSize(2);
    assertThat(response.vectors().get(1)[0]).isEqualTo(-0.0098027075f);
    assertThat(response.usage()).isEqualTo(Usage.ZERO); // this documented answer has no counts
  }

  @Test
  void embedOfOneTextTakesUsageFromPromptEvalCountAndPassesDimensions() throws Exception {
    server.enqueue(json(200, fixture("api_embed_response.json")));

    EmbeddingResponse response = connect().embeddings().embed("all-minilm",
        new EmbeddingRequest(null, List.of("Why is the sky blue?"), 10, null));

    assertJsonBody(taken(), """
        {"model":"all-minilm","input":["Why is the sky blue?"],"dimensions":10}""");
    assertThat(response.vectors()).singleElement().satisfies(v -> assertThat(v).hasSize(10));
    assertThat(response.usage()).isEqualTo(Usage.of(8, 0));
  }

  @Test
  void healthProbeIsHealthyWithTheVersionAndLatency() throws Exception {
    server.enqueue(json(200, fixture("api_version_response.json")));

    HealthStatus status = connect().health().probe();

    assertThat(taken().getUrl().encodedPath()).isEqualTo("/api/version");
    assertThat(status.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(status.detail()).isEqualTo("Ollama 0.5.1");
    assertThat(status.latency()).isNotNull().isPositive();
  }

  @Test
  void healthProbeOfAFailingNodeIsDownWithTheReason() {
    server.enqueue(json(500, fixture("error_response.json")));

    HealthStatus status = connect().health().probe();

    assertThat(status.state()).isEqualTo(HealthState.DOWN);
    assertThat(status.detail()).contains("the model failed to generate a response");
  }

  @Test
  void healthProbeOfAnUnreachableNodeIsDownAndDoesNotThrow() {
    ProviderInstance gone = ProviderInstance.builder("ollama-gone", ProviderKind.OLLAMA)
        .baseUrl("http://127.0.0.1:1").build();

    HealthStatus status = new OllamaDriver().connect(gone, null).health().probe();

    assertThat(status.state()).isEqualTo(HealthState.DOWN);
    assertThat(status.detail()).contains("could not be reached");
  }

  @Test
  void loadedModelsComeFromApiPs() throws Exception {
    server.enqueue(json(200, fixture("api_ps_response.json")));

    List<OllamaLoadedModel> loaded = new OllamaDriver().loadedModels(OllamaTesting.instance(server, Map.of()), null);

    assertThat(taken().getUrl().encodedPath()).isEqualTo("/api/ps");
    assertThat(loaded).containsExactly(new OllamaLoadedModel("mistral:latest", 5137025024L, 5137025024L,
        OffsetDateTime.parse("2024-06-04T14:38:31.83753-07:00").toInstant(), null, "7.2B", "Q4_0"));
    assertThat(loaded.getFirst().fullyOnGpu()).isTrue();
  }

  @Test
  void loadedModelsKeepTheContextLengthNewerNodesReport() {
    server.enqueue(json(200, fixture("openapi_api_ps_response.json")));

    OllamaLoadedModel model = new OllamaDriver().loadedModels(OllamaTesting.instance(server, Map.of()), null)
        .getFirst();

    assertThat(model.model()).isEqualTo("gemma4");
    assertThat(model.contextLength()).isEqualTo(4096);
    assertThat(model.fullyOnGpu()).isFalse();
    assertThat(model.expiresAt()).isEqualTo(Instant.parse("2025-10-17T23:47:07.93355Z"));
  }

  @Test
  void loadedModelsSendTheKeyAndMapARefusal() throws Exception {
    server.enqueue(json(401, "{\"error\":\"unauthorized\"}"));

    assertThatThrownBy(() -> new OllamaDriver().loadedModels(OllamaTesting.instance(server, Map.of()),
        Secret.of("proxy-token-123456"))).isInstanceOf(AuthenticationException.class);
    assertThat(OllamaTesting.authorization(taken())).isEqualTo("Bearer proxy-token-123456");
  }

  @Test
  void driverSpeaksOnlyOllamaAndHasNoSpeech() {
    assertThat(new OllamaDriver().kinds()).containsExactly(ProviderKind.OLLAMA);
    assertThat(connect().speech()).isNull();
    assertThat(connect().embeddings()).isNotNull();
    assertThatThrownBy(() -> new OllamaDriver().connect(
        ProviderInstance.builder("openai", ProviderKind.OPENAI).build(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ollama");
  }
}
