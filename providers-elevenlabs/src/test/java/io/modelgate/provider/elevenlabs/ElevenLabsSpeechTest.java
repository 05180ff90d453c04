package io.modelgate.provider.elevenlabs;

import static io.modelgate.provider.elevenlabs.ElevenLabsConformanceTest.fixture;
import static io.modelgate.provider.elevenlabs.ElevenLabsConformanceTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.SpeechModel;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElevenLabsSpeechTest {
  private MockWebServer server;
  private SpeechModel speech;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    speech = new ElevenLabsDriver().connect(ProviderInstance.builder("elevenlabs", ProviderKind.ELEVENLABS)
        .baseUrl(server.url("/v1").toString()).build(), Secret.of("xi-key-for-tests-0000")).speech();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static SpeechRequest request(String voice, String format, Double speed) {
    return new SpeechRequest(null, "Hi", voice, format, speed, CallerContext.ANONYMOUS);
  }

  @ParameterizedTest
  @CsvSource({"mp3,mp3_44100_128", "opus,opus_48000_128", "pcm,pcm_24000", "wav,wav_44100",
      "mp3_22050_32,mp3_22050_32", "ulaw_8000,ulaw_8000"})
  void openAiFormatsMapToElevenLabsOutputFormats(String asked, String sent) throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").body("x").build());
    try (SpeechAudio audio = speech.speak("eleven_flash_v2_5", request("JBFqnCBsd6RMkjVDRZzb", asked, null))) {
      audio.body().readAllBytes();
    }
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("output_format")).isEqualTo(sent);
  }

  @Test
  void aFormatElevenLabsCannotProduceIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> speech.speak("eleven_flash_v2_5", request("JBFqnCBsd6RMkjVDRZzb", "aac", null)))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.param()).isEqualTo("response_format"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void speedOutsideElevenLabsRangeIsRefusedAndInsideItIsSent() throws Exception {
    assertThatThrownBy(() -> speech.speak("eleven_flash_v2_5", request("JBFqnCBsd6RMkjVDRZzb", "mp3", 2.0)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("speed"));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").body("x").build());
    speech.speak("eleven_flash_v2_5", request("JBFqnCBsd6RMkjVDRZzb", "mp3", 1.1)).close();
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8()).contains("\"voice_settings\":{\"speed\":1.1}");
  }

  @Test
  void aVoiceNamedAsElevenLabsCallsItIsLookedUpByName() throws Exception {
    server.enqueue(json(200, fixture("voices_page1.json")));
    server.enqueue(json(200, fixture("voices_page2.json")));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").body("x").build());
    speech.speak("eleven_multilingual_v2", request("jessica", "mp3", null)).close();
    server.takeRequest(1, TimeUnit.SECONDS);
    server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest call = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(call.getUrl().encodedPath()).isEqualTo("/v1/text-to-speech/cgSgspJ2msm6clMCkdW9/stream");
  }

  @Test
  void voiceNotFoundBlamesTheVoice() {
    server.enqueue(json(400, fixture("error_400_voice_not_found.json")));
    assertThatThrownBy(() -> speech.speak("eleven_multilingual_v2", request("JBFqnCBsd6RMkjVDRZzX", "mp3", null)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.param()).isEqualTo("voice");
          assertThat(e.getMessage()).contains("was not found");
        });
  }

  @Test
  void voicesOfAModelAreTheOnesThatSpeakIt() {
    server.enqueue(json(200, fixture("voices_page1.json")));
    server.enqueue(json(200, fixture("voices_page2.json")));
    assertThat(speech.voices("eleven_flash_v2_5")).containsExactly("JBFqnCBsd6RMkjVDRZzb", "cgSgspJ2msm6clMCkdW9");
    // Read once, then kept: no second listing.
    assertThat(speech.voices("eleven_multilingual_v2")).hasSize(3);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void environmentContractConfiguresTheSharedInstance() {
    var driver = new ElevenLabsDriver();
    assertThat(driver.fromEnvironment(Map.of())).isEmpty();
    ProviderInstance i = driver.fromEnvironment(Map.of("ELEVENLABS_API_KEY", "k")).getFirst();
    assertThat(i.id()).isEqualTo("elevenlabs");
    assertThat(i.baseUrl()).isEqualTo("https://api.elevenlabs.io");
    assertThat(i.credentialRef()).isEqualTo(ProviderInstance.envCredential("ELEVENLABS_API_KEY"));
    assertThat(driver.fromEnvironment(Map.of("ELEVENLABS_BASE_URL", "http://127.0.0.1:9/")).getFirst().baseUrl())
        .isEqualTo("http://127.0.0.1:9/");
  }
}
