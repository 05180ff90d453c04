package io.modelgate.provider.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.testkit.SpeechConformanceSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

class ElevenLabsConformanceTest extends SpeechConformanceSuite {
  static String fixture(String name) {
    try (InputStream in = ElevenLabsConformanceTest.class.getResourceAsStream("/elevenlabs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  protected ProviderDriver driver() {
    return new ElevenLabsDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return ProviderInstance.builder("elevenlabs", ProviderKind.ELEVENLABS)
        .baseUrl(server.url("/").toString()).options(options).build();
  }

  @Override
  protected String keyHeader() {
    return "xi-api-key";
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(json(200, fixture("models.json")));
    server.enqueue(json(200, fixture("voices_page1.json")));
    server.enqueue(json(200, fixture("voices_page2.json")));
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).extracting(r -> r.getUrl().encodedPath())
        .containsExactly("/v1/models", "/v2/voices", "/v2/voices");
    assertThat(requests.get(1).getUrl().queryParameter("next_page_token")).isNull();
    assertThat(requests.get(2).getUrl().queryParameter("next_page_token"))
        .isEqualTo("c2FyYWgtRVhBVklUUXU0dnI0eG5TRHhNYUw");
    assertThat(listing.models()).extracting(DiscoveredModel::model)
        .containsExactly("eleven_multilingual_v2", "eleven_flash_v2_5");
    assertThat(listing.skipped()).containsEntry("no-tts", 1);
    DiscoveredModel multilingual = listing.models().getFirst();
    assertThat(multilingual.pricing().inputPerMillion()).isEqualByComparingTo(new BigDecimal("100"));
    assertThat(listing.models().get(1).pricing().inputPerMillion()).isEqualByComparingTo(new BigDecimal("50"));
    // Voices sit under the models that speak them, with their labels and preview URL.
    assertThat(multilingual.rawMetadata()).contains("\"voice_id\":\"JBFqnCBsd6RMkjVDRZzb\"", "\"name\":\"Sarah\"",
        "\"accent\":\"british\"", "\"use_case\":\"narration\"", "\"gender\":\"female\"", "\"age\":\"young\"",
        "\"preview_url\":\"https://storage.googleapis.com/eleven-public-prod/premade/voices/JBFqnCBsd6RMkjVDRZzb/",
        "\"max_characters\":10000", "\"languages\":[\"en\",\"ja\",\"de\"]");
    // Sarah speaks only Multilingual v2; Jessica lists no model, so every model speaks her.
    assertThat(listing.models().get(1).rawMetadata()).contains("George", "Jessica").doesNotContain("Sarah");
  }

  @Override
  protected String speechModel() {
    return "eleven_multilingual_v2";
  }

  @Override
  protected String voice() {
    return "JBFqnCBsd6RMkjVDRZzb";
  }

  @Override
  protected void verifySpeech(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream");
    assertThat(request.getUrl().queryParameter("output_format")).isEqualTo("mp3_44100_128");
    assertThat(request.getBody().utf8())
        .isEqualTo("{\"text\":\"Hello from the conformance suite.\",\"model_id\":\"eleven_multilingual_v2\"}");
  }

  @Override
  protected MockResponse errorResponse(int status) {
    return switch (status) {
      case 401 -> json(401, fixture("error_401_invalid_api_key.json"));
      case 422 -> json(422, fixture("error_422_validation.json"));
      case 429 -> json(429, fixture("error_429_too_many_concurrent_requests.json"));
      default -> json(status, "{\"detail\":{\"status\":\"error\",\"message\":\"ElevenLabs failed with " + status + "\"}}");
    };
  }

  @Override
  protected MockResponse errorEchoing(String key) {
    return json(401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key: " + key + "\"}}");
  }
}
