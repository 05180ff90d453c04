package io.modelgate.provider.azurespeech;

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

class AzureSpeechConformanceTest extends SpeechConformanceSuite {
  static String fixture(String name) {
    try (InputStream in = AzureSpeechConformanceTest.class.getResourceAsStream("/azure-speech/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected ProviderDriver driver() {
    return new AzureSpeechDriver();
  }

  @Override
  protected ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return ProviderInstance.builder("azure-speech", ProviderKind.AZURE_SPEECH)
        .baseUrl(server.url("/").toString()).options(options).build();
  }

  @Override
  protected String keyHeader() {
    return "Ocp-Apim-Subscription-Key";
  }

  @Override
  protected void enqueueModelList(MockWebServer server) {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json; charset=utf-8")
        .body(fixture("voices_list.json")).build());
  }

  @Override
  protected void verifyListing(List<RecordedRequest> requests, ModelListing listing) {
    assertThat(requests).singleElement()
        .satisfies(r -> assertThat(r.getUrl().encodedPath()).isEqualTo("/cognitiveservices/voices/list"));
    DiscoveredModel neural = listing.models().getFirst();
    assertThat(listing.models()).hasSize(1);
    assertThat(neural.model()).isEqualTo("neural");
    assertThat(neural.pricing().inputPerMillion()).isEqualByComparingTo(new BigDecimal("15"));
    assertThat(neural.rawMetadata()).contains("\"locales\":[\"en-US\",\"ga-IE\",\"zh-CN\"]",
        "\"name\":\"en-US-JennyNeural\"", "\"styles\":[\"assistant\",\"chat\"", "\"gender\":\"Male\"",
        "\"secondary_locales\":[\"de-DE\"", "\"locale_name\":\"Irish (Ireland)\"");
  }

  @Override
  protected String speechModel() {
    return "neural";
  }

  @Override
  protected String voice() {
    return "en-US-JennyNeural";
  }

  @Override
  protected void verifySpeech(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/cognitiveservices/v1");
    assertThat(request.getHeaders().get("X-Microsoft-OutputFormat")).isEqualTo("audio-24khz-48kbitrate-mono-mp3");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/ssml+xml");
    assertThat(request.getHeaders().get("User-Agent")).isNotBlank();
    assertThat(request.getBody().utf8()).isEqualTo("<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis'"
        + " xml:lang='en-US'><voice name='en-US-JennyNeural'>Hello from the conformance suite.</voice></speak>");
  }

  @Override
  protected MockResponse errorResponse(int status) {
    MockResponse.Builder r = new MockResponse.Builder().code(status);
    return status == 401 ? r.setHeader("Content-Type", "application/json").body(fixture("error_401.json")).build()
        : r.build();
  }

  @Override
  protected MockResponse errorEchoing(String key) {
    return new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
        .body("{\"error\":{\"code\":\"401\",\"message\":\"Access denied for key " + key + "\"}}").build();
  }
}
