package io.modelgate.provider.gemini;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.port.SpeechModel;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Speech from Gemini's TTS models ({@code *-tts}): {@code :generateContent} with {@code responseModalities: AUDIO}
 * and a prebuilt voice. Gemini answers with base64 PCM (16-bit mono, {@code audio/L16;codec=pcm;rate=24000}), so
 * the formats offered are {@code wav} (the default: the PCM with a RIFF header) and {@code pcm} (as sent); others,
 * mp3 included, are refused. Gemini has no speed setting, so {@code speed} is not applied. The audio arrives whole
 * in one JSON reply, so it is returned from memory.
 */
final class GeminiSpeech implements SpeechModel {
  /** The prebuilt voices of https://ai.google.dev/gemini-api/docs/speech-generation#voices. */
  static final List<String> VOICES = List.of("Zephyr", "Puck", "Charon", "Kore", "Fenrir", "Leda", "Orus", "Aoede",
      "Callirrhoe", "Autonoe", "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib",
      "Rasalgethi", "Laomedeia", "Achernar", "Alnilam", "Schedar", "Gacrux", "Pulcherrima", "Achird",
      "Zubenelgenubi", "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat");
  private static final Pattern RATE = Pattern.compile("rate=(\\d+)");
  private static final int DEFAULT_RATE = 24_000;

  private final GeminiApi api;

  GeminiSpeech(GeminiApi api) {
    this.api = api;
  }

  @Override
  public SpeechAudio speak(String model, SpeechRequest request) {
    String format = request.format() == null ? "wav" : request.format().toLowerCase(Locale.ROOT);
    if (!format.equals("wav") && !format.equals("pcm")) {
      throw new UnsupportedCapabilityException(
          "Gemini speech comes as wav or pcm, not '" + request.format() + "'");
    }
    GeminiWire.GenerateContentRequest body = new GeminiWire.GenerateContentRequest(
        List.of(new GeminiWire.Content("user", List.of(GeminiWire.Part.text(request.input())))),
        null, null, null, GeminiWire.GenerationConfig.speech(request.voice()), null, null);
    GeminiWire.GenerateContentResponse response = api.post(api.modelMethod(model, "generateContent").build(), body,
        GeminiWire.GenerateContentResponse.class);
    GeminiWire.Blob audio = audio(response);
    byte[] pcm = Base64.getDecoder().decode(audio.data());
    if (format.equals("pcm")) {
      return new SpeechAudio(audio.mimeType(), new ByteArrayInputStream(pcm));
    }
    return new SpeechAudio("audio/wav", new ByteArrayInputStream(wav(pcm, sampleRate(audio.mimeType()))));
  }

  @Override
  public List<String> voices(String model) {
    return VOICES;
  }

  private static GeminiWire.Blob audio(GeminiWire.GenerateContentResponse response) {
    List<GeminiWire.Candidate> candidates = response.candidates() == null ? List.of() : response.candidates();
    for (GeminiWire.Candidate candidate : candidates) {
      if (candidate.content() != null && candidate.content().parts() != null) {
        for (GeminiWire.Part part : candidate.content().parts()) {
          if (part.inlineData() != null && part.inlineData().mimeType().startsWith("audio/")) {
            return part.inlineData();
          }
        }
      }
    }
    String why = response.promptFeedback() != null && response.promptFeedback().blockReason() != null
        ? "prompt blocked: " + response.promptFeedback().blockReason()
        : candidates.isEmpty() ? null : candidates.getFirst().finishReason();
    if (why != null && !"STOP".equals(why)) {
      throw new InvalidRequestException("Gemini returned no audio (" + why + ")", "input");
    }
    throw new UpstreamUnavailableException("Gemini returned no audio", 200, null, null);
  }

  static int sampleRate(@Nullable String mimeType) {
    Matcher m = RATE.matcher(mimeType == null ? "" : mimeType);
    return m.find() ? Integer.parseInt(m.group(1)) : DEFAULT_RATE;
  }

  /** {@code pcm} (16-bit little-endian mono at {@code rate}) with a 44-byte RIFF/WAVE header. */
  static byte[] wav(byte[] pcm, int rate) {
    ByteBuffer out = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
        .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
        .putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
    return out.array();
  }
}
