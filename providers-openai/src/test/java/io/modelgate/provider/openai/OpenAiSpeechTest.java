package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.SpeechModel;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiSpeechTest extends ServerTest {

  private SpeechModel speech() {
    return new OpenAiDriver().connect(ProviderInstance.builder("openai", ProviderKind.OPENAI)
        .baseUrl(server.url("/v1").toString()).build(), Secret.of("sk-test-speech-0000000000")).speech();
  }

  @Test
  void audioBytesStreamBackAsTheySend() throws Exception {
    byte[] audio = new byte[64 * 1024];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (byte) (i * 31);
    }
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
        .body(new Buffer().write(audio)).throttleBody(8 * 1024, 10, TimeUnit.MILLISECONDS).build());

    try (SpeechAudio speech = speech().speak("gpt-4o-mini-tts",
        new SpeechRequest(null, "Today is a wonderful day.", "coral", null, 1.25, null))) {
      assertThat(speech.contentType()).isEqualTo("audio/mpeg");
      assertThat(speech.body().readAllBytes()).isEqualTo(audio);
    }
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/v1/audio/speech");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-speech-0000000000");
    assertThat(Json.object(request.getBody().utf8())).isEqualTo(Map.of("model", "gpt-4o-mini-tts",
        "input", "Today is a wonderful day.", "voice", "coral", "response_format", "mp3", "speed", 1.25));
  }

  @Test
  void aRefusedSpeechCallThrowsTheMappedError() {
    server.enqueue(OpenAiConformanceTest.json(400,
        "{\"error\":{\"message\":\"Invalid voice\",\"type\":\"invalid_request_error\",\"param\":\"voice\"}}"));
    assertThatThrownBy(() -> speech().speak("tts-1", new SpeechRequest(null, "Hi", "nobody", "wav", null, null)))
        .isInstanceOf(InvalidRequestException.class).hasMessage("Invalid voice")
        .satisfies(e -> assertThat(((InvalidRequestException) e).param()).isEqualTo("voice"));
  }

  @Test
  void ttsModelsListOpenAisVoicesAndOthersNone() {
    assertThat(speech().voices("tts-1")).containsExactly("alloy", "ash", "ballad", "coral", "echo", "fable", "nova",
        "onyx", "sage", "shimmer", "verse");
    assertThat(speech().voices("gpt-4o")).isEmpty();
  }
}
