package io.modelgate.provider.gemini;

import static io.modelgate.provider.gemini.GeminiTesting.at;
import static io.modelgate.provider.gemini.GeminiTesting.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.SpeechModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiSpeechTest {
  private static final String MODEL = "gemini-2.5-flash-preview-tts";
  /**
   * Constructed in the shape https://ai.google.dev/gemini-api/docs/speech-generation documents (the audio is
   * {@code candidates[0].content.parts[0].inlineData}, 24 kHz 16-bit PCM); no recorded TTS reply is in the
   * fixtures. The data is four bytes: two samples.
   */
  private static final String AUDIO_REPLY = """
      {"candidates": [{"content": {"parts": [{"inlineData": {"mimeType": "audio/L16;codec=pcm;rate=24000",
        "data": "AQACAA=="}}], "role": "model"}, "finishReason": "STOP", "index": 0}],
       "usageMetadata": {"promptTokenCount": 9, "candidatesTokenCount": 2, "totalTokenCount": 11},
       "modelVersion": "gemini-2.5-flash-preview-tts"}""";

  private final MockWebServer server = new MockWebServer();
  private SpeechModel speech;

  @BeforeEach
  void start() throws Exception {
    server.start();
    speech = new GeminiDriver().connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY))
        .speech();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void speechAsksGenerateContentForAudioInThePrebuiltVoiceAndWrapsThePcmAsWav() throws Exception {
    server.enqueue(GeminiTesting.json(200, AUDIO_REPLY));
    byte[] bytes;
    try (SpeechAudio audio = speech.speak(MODEL, new SpeechRequest(null, "Have a wonderful day!", "Kore", null, null,
        null))) {
      assertThat(audio.contentType()).isEqualTo("audio/wav");
      bytes = audio.body().readAllBytes();
    }
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-2.5-flash-preview-tts:generateContent");
    assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiTesting.KEY);
    Map<String, Object> body = body(request);
    assertThat(at(body, "contents", 0, "parts", 0, "text")).isEqualTo("Have a wonderful day!");
    assertThat(at(body, "generationConfig")).isEqualTo(Map.of("responseModalities", List.of("AUDIO"),
        "speechConfig", Map.of("voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", "Kore")))));
    assertThat(bytes).hasSize(44 + 4);
    assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(ByteBuffer.wrap(bytes, 24, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(24_000);
    assertThat(bytes).endsWith(1, 0, 2, 0);
  }

  @Test
  void pcmIsReturnedAsGeminiSentIt() throws Exception {
    server.enqueue(GeminiTesting.json(200, AUDIO_REPLY));
    try (SpeechAudio audio = speech.speak(MODEL, new SpeechRequest(null, "Hi", "Puck", "pcm", null, null))) {
      assertThat(audio.contentType()).isEqualTo("audio/L16;codec=pcm;rate=24000");
      assertThat(audio.body().readAllBytes()).containsExactly(1, 0, 2, 0);
    }
  }

  @Test
  void mp3IsRefusedWithoutACall() {
    assertThatThrownBy(() -> speech.speak(MODEL, new SpeechRequest(null, "Hi", "Kore", "mp3", null, null)))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("wav or pcm");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aReplyWithoutAudioSaysWhy() {
    server.enqueue(GeminiTesting.json(200, "{\"candidates\":[{\"content\":{\"parts\":[],\"role\":\"model\"},"
        + "\"finishReason\":\"OTHER\"}]}"));
    assertThatThrownBy(() -> speech.speak(MODEL, new SpeechRequest(null, "Hi", "Kore", null, null, null)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("OTHER");
  }

  @Test
  void thePrebuiltVoicesAreListed() {
    assertThat(speech.voices(MODEL)).hasSize(30).contains("Kore", "Puck", "Zephyr");
  }
}
