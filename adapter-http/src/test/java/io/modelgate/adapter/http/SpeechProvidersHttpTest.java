package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Speech through the service from ElevenLabs and Azure AI Speech, both configured by the environment contract and
 * faked on MockWebServer: audio passed on byte for byte on both doors, voices named as each provider calls them or
 * by catalog id, one provider's voice refused by another, the price per character in the header and the usage log,
 * quotas, and an upstream that breaks off mid-audio seen by the caller as a broken response.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeechProvidersHttpTest {
  static final String ELEVEN_KEY = "xi-test-elevenlabs-key-00000000";
  static final String AZURE_KEY = "azure-test-speech-key-0000000000";
  static final byte[] AUDIO = audio(40_000);

  final MockWebServer eleven = new MockWebServer();
  final MockWebServer azure = new MockWebServer();
  final List<RecordedRequest> elevenCalls = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> azureCalls = new CopyOnWriteArrayList<>();
  Harness h;

  static byte[] audio(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 13 + 5);
    }
    return b;
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse audioResponse(String type) {
    return new MockResponse.Builder().setHeader("Content-Type", type).body(new Buffer().write(AUDIO)).build();
  }

  @BeforeAll
  void start() throws Exception {
    eleven.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        elevenCalls.add(r);
        String path = r.getUrl().encodedPath();
        if (path.equals("/v1/models")) {
          return json("[{\"model_id\":\"eleven_multilingual_v2\",\"name\":\"Eleven Multilingual v2\","
              + "\"can_do_text_to_speech\":true,\"languages\":[{\"language_id\":\"en\",\"name\":\"English\"}]}]");
        }
        if (path.equals("/v2/voices")) {
          return json("{\"voices\":[{\"voice_id\":\"JBFqnCBsd6RMkjVDRZzb\",\"name\":\"George\",\"category\":"
              + "\"premade\",\"labels\":{\"accent\":\"british\",\"gender\":\"male\",\"age\":\"middle_aged\","
              + "\"use_case\":\"narration\"},\"preview_url\":\"https://storage.example/george.mp3\","
              + "\"high_quality_base_model_ids\":[\"eleven_multilingual_v2\"]}],\"has_more\":false}");
        }
        if (path.equals("/v1/text-to-speech/CutCutCutCutCutCut01/stream")) {
          return new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
              .body(new Buffer().write(AUDIO, 0, 10_000)).setHeader("Content-Length", AUDIO.length)
              .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
        }
        if (path.startsWith("/v1/text-to-speech/")) {
          return audioResponse("audio/mpeg");
        }
        return new MockResponse.Builder().code(404).body("{\"detail\":{\"status\":\"not_found\"}}").build();
      }
    });
    azure.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        azureCalls.add(r);
        if (r.getUrl().encodedPath().equals("/cognitiveservices/voices/list")) {
          return json("[{\"ShortName\":\"en-US-JennyNeural\",\"DisplayName\":\"Jenny\",\"Gender\":\"Female\","
              + "\"Locale\":\"en-US\",\"LocaleName\":\"English (United States)\",\"StyleList\":[\"cheerful\"],"
              + "\"VoiceType\":\"Neural\",\"Status\":\"GA\"}]");
        }
        return audioResponse("audio/ogg");
      }
    });
    eleven.start();
    azure.start();
    h = new Harness(Map.of("ELEVENLABS_API_KEY", ELEVEN_KEY, "ELEVENLABS_BASE_URL", eleven.url("/").toString(),
        "AZURE_SPEECH_KEY", AZURE_KEY, "AZURE_SPEECH_BASE_URL", azure.url("/").toString()));
    for (String id : List.of("elevenlabs:eleven_multilingual_v2", "azure-speech:neural")) {
      HttpResponse<String> r = h.method("PATCH", "/api/admin/models/" + id, h.adminKey, "{\"status\":\"enabled\"}");
      assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(200);
    }
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
    eleven.close();
    azure.close();
  }

  HttpResponse<byte[]> speak(String path, String key, String json) throws Exception {
    return h.client.send(h.request(path, key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void elevenLabsAudioComesBackUnchangedWithItsPricePerCharacter() throws Exception {
    HttpResponse<byte[]> r = speak("/v1/audio/speech", h.adminKey,
        "{\"model\":\"elevenlabs:eleven_multilingual_v2\",\"input\":\"Hello there\",\"voice\":\"George\"}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    assertThat(r.body()).isEqualTo(AUDIO);
    assertThat(r.headers().firstValue("content-type")).hasValue("audio/mpeg");
    assertThat(r.headers().firstValue("x-modelgate-provider")).hasValue("elevenlabs");
    // 11 characters at USD 100 per million characters.
    assertThat(new BigDecimal(r.headers().firstValue("x-modelgate-cost-usd").orElseThrow()))
        .isEqualByComparingTo("0.0011");
    RecordedRequest call = elevenCalls.stream().filter(c -> c.getUrl().encodedPath().endsWith("/stream"))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(call.getUrl().encodedPath()).isEqualTo("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream");
    assertThat(call.getHeaders().get("xi-api-key")).isEqualTo(ELEVEN_KEY);
    String requestId = r.headers().firstValue("x-modelgate-request-id").orElseThrow();
    UsageRecord record = h.graph.usageLog().find(UsageQuery.ALL).stream()
        .filter(u -> u.requestId().equals(requestId)).findFirst().orElseThrow();
    assertThat(record.operation()).isEqualTo("speech");
    assertThat(record.usage().promptTokens()).isEqualTo(11);
    assertThat(record.costUsd()).isEqualByComparingTo("0.0011");
  }

  @Test
  void azureSpeaksThroughAiSpeechWithAVoiceNamedByCatalogId() throws Exception {
    HttpResponse<byte[]> r = speak("/ai/speech", h.adminKey, "{\"model\":\"azure-speech:neural\",\"input\":"
        + "\"Fish & <chips>\",\"voice\":\"azure-speech:en-US-JennyNeural\",\"response_format\":\"opus\"}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    assertThat(r.body()).isEqualTo(AUDIO);
    assertThat(new BigDecimal(r.headers().firstValue("x-modelgate-cost-usd").orElseThrow()))
        .isEqualByComparingTo("0.00021"); // 14 characters at USD 15 per million
    RecordedRequest call = azureCalls.stream().filter(c -> c.getMethod().equals("POST"))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(call.getHeaders().get("Ocp-Apim-Subscription-Key")).isEqualTo(AZURE_KEY);
    assertThat(call.getHeaders().get("X-Microsoft-OutputFormat")).isEqualTo("ogg-24khz-16bit-mono-opus");
    assertThat(call.getBody().utf8()).contains("<voice name='en-US-JennyNeural'>Fish &amp; &lt;chips&gt;</voice>");
  }

  @Test
  void aVoiceOfOneProviderIsRefusedByAnother() throws Exception {
    int before = elevenCalls.size();
    HttpResponse<byte[]> r = speak("/v1/audio/speech", h.adminKey, "{\"model\":\"elevenlabs:eleven_multilingual_v2\","
        + "\"input\":\"Hello\",\"voice\":\"azure-speech:en-US-JennyNeural\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body())).contains("\"param\":\"voice\"", "azure-speech", "elevenlabs");
    assertThat(elevenCalls.subList(before, elevenCalls.size()))
        .noneMatch(c -> c.getUrl().encodedPath().startsWith("/v1/text-to-speech"));
  }

  @Test
  void audioThatBreaksOffUpstreamBreaksTheResponseToo() {
    assertThatThrownBy(() -> speak("/v1/audio/speech", h.adminKey, "{\"model\":\"elevenlabs:eleven_multilingual_v2\","
        + "\"input\":\"Hello\",\"voice\":\"CutCutCutCutCutCut01\"}"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void quotasApplyToSpeech() throws Exception {
    String member = h.member("speaker", null);
    String id = h.userId(member);
    assertThat(h.method("PUT", "/api/admin/quotas/user/" + id, h.adminKey, "{\"requests_per_day\":1}")
        .statusCode()).isEqualTo(200);
    String body = "{\"model\":\"azure-speech:neural\",\"input\":\"One\",\"voice\":\"en-US-JennyNeural\"}";
    assertThat(speak("/v1/audio/speech", member, body).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> second = speak("/v1/audio/speech", member, body);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(new String(second.body())).contains("requests_per_day");
  }

  @Test
  void theCatalogListsEachProvidersVoicesWithTheirLabels() {
    HttpResponse<String> r = h.get("/ai/models?category=tts", h.adminKey);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("elevenlabs:eleven_multilingual_v2", "azure-speech:neural", "JBFqnCBsd6RMkjVDRZzb",
        "en-US-JennyNeural", "british", "narration", "https://storage.example/george.mp3", "cheerful");
    assertThat(r.body()).doesNotContain(ELEVEN_KEY, AZURE_KEY);
    assertThat(object(r)).isNotEmpty();
  }

  @Test
  void aBadSpeechBodyIsA400NamingTheField() {
    HttpResponse<String> r = h.post("/v1/audio/speech", h.adminKey,
        "{\"model\":\"elevenlabs:eleven_multilingual_v2\",\"input\":\"Hi\",\"voice\":\"George\",\"speed\":9}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).containsEntry("param", "speed");
  }
}
