package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models discover --category tts} with the environment contract pointed at local ElevenLabs and Azure fakes:
 * each provider's line, then its speech models with the voices they speak.
 */
class SpeechDiscoveryCliTest {
  @TempDir
  Path home;

  final MockWebServer eleven = new MockWebServer();
  final MockWebServer azure = new MockWebServer();

  static MockResponse json(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
  }

  @BeforeEach
  void start() throws Exception {
    eleven.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return switch (r.getUrl().encodedPath()) {
          case "/v1/models" -> json("[{\"model_id\":\"eleven_multilingual_v2\",\"name\":\"Eleven Multilingual v2\","
              + "\"can_do_text_to_speech\":true},{\"model_id\":\"eleven_english_sts_v2\","
              + "\"can_do_text_to_speech\":false}]");
          case "/v2/voices" -> json("{\"voices\":[{\"voice_id\":\"JBFqnCBsd6RMkjVDRZzb\",\"name\":\"George\","
              + "\"labels\":{\"accent\":\"british\",\"gender\":\"male\",\"use_case\":\"narration\"},"
              + "\"preview_url\":\"https://storage.example/george.mp3\"}],\"has_more\":false}");
          default -> new MockResponse.Builder().code(404).build();
        };
      }
    });
    azure.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return json("[{\"ShortName\":\"en-US-JennyNeural\",\"DisplayName\":\"Jenny\",\"Gender\":\"Female\","
            + "\"Locale\":\"en-US\",\"StyleList\":[\"cheerful\",\"sad\"],\"VoiceType\":\"Neural\"}]");
      }
    });
    eleven.start();
    azure.start();
  }

  @AfterEach
  void stop() {
    eleven.close();
    azure.close();
  }

  @Test
  void discoverTtsListsEachProvidersModelsAndVoices() {
    Map<String, String> env = Map.of("MODELGATE_HOME", home.toString(),
        "ELEVENLABS_API_KEY", "xi-cli-test-key-0000000000", "ELEVENLABS_BASE_URL", eleven.url("/").toString(),
        "AZURE_SPEECH_KEY", "azure-cli-test-key-00000000", "AZURE_SPEECH_BASE_URL", azure.url("/").toString());
    CliRun r = CliRun.run(env, "", "models", "discover", "--category", "tts");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("elevenlabs: listed 1, new 1", "azure-speech: listed 1, new 1",
        "  elevenlabs:eleven_multilingual_v2 (pending)",
        "    JBFqnCBsd6RMkjVDRZzb  George  [british, male, narration]",
        "  azure-speech:neural (pending)",
        "    en-US-JennyNeural  Jenny  [Female, en-US, styles: cheerful sad]");
    assertThat(r.out() + r.err()).doesNotContain("xi-cli-test-key", "azure-cli-test-key");
    CliRun show = CliRun.run(env, "", "models", "show", "elevenlabs:eleven_multilingual_v2", "--json");
    assertThat(show.out()).contains("\"voices\"", "\"preview_url\": \"https://storage.example/george.mp3\"");
  }
}
