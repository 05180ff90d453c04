package io.modelgate.provider.elevenlabs;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.port.SpeechModel;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Speech through {@code POST /v1/text-to-speech/{voice_id}/stream}: the audio is handed on as ElevenLabs sends it,
 * never buffered. OpenAI's {@code response_format} maps to ElevenLabs' {@code output_format} ({@code mp3} →
 * {@code mp3_44100_128}, {@code opus} → {@code opus_48000_128}, {@code pcm} → {@code pcm_24000}, 16-bit like
 * OpenAI's, {@code wav} → {@code wav_44100}); an ElevenLabs format name is passed as it is; {@code aac} and
 * {@code flac} are refused. The voice is an ElevenLabs voice id or a voice's name. Thread-safe.
 */
final class ElevenLabsSpeech implements SpeechModel {
  private static final Pattern NATIVE_FORMAT = Pattern.compile("(mp3|opus|pcm|wav|ulaw|alaw)_\\d+(_\\d+)?");
  /** The speeds ElevenLabs' {@code voice_settings.speed} accepts. */
  static final double MIN_SPEED = 0.7;
  static final double MAX_SPEED = 1.2;

  private final ElevenLabsApi api;
  private final VoiceDirectory voices;

  ElevenLabsSpeech(ElevenLabsApi api, VoiceDirectory voices) {
    this.api = api;
    this.voices = voices;
  }

  @Override
  public SpeechAudio speak(String model, SpeechRequest request) {
    String format = outputFormat(request.format());
    Double speed = request.speed();
    if (speed != null && (speed < MIN_SPEED || speed > MAX_SPEED)) {
      throw new InvalidRequestException("ElevenLabs speaks at speeds from " + MIN_SPEED + " to " + MAX_SPEED
          + ", not " + speed, "speed");
    }
    ElevenLabsWire.SpeechBody body = new ElevenLabsWire.SpeechBody(request.input(), model,
        speed == null ? null : new ElevenLabsWire.VoiceSettings(speed));
    Response response = api.speak(voices.resolve(request.voice()), format, body);
    String contentType = response.header("Content-Type", contentType(format));
    return new SpeechAudio(contentType, response.body().byteStream());
  }

  @Override
  public List<String> voices(String model) {
    return voices.all().stream().filter(v -> VoiceDirectory.speaks(v, model))
        .map(ElevenLabsWire.Voice::voiceId).toList();
  }

  static String outputFormat(@Nullable String responseFormat) {
    String f = responseFormat == null ? "mp3" : responseFormat.trim().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "mp3" -> "mp3_44100_128";
      case "opus" -> "opus_48000_128";
      case "pcm" -> "pcm_24000";
      case "wav" -> "wav_44100";
      default -> {
        if (NATIVE_FORMAT.matcher(f).matches()) {
          yield f;
        }
        throw new InvalidRequestException("ElevenLabs cannot produce '" + responseFormat
            + "'; use mp3, opus, pcm or wav, or an ElevenLabs output format such as mp3_22050_32",
            "response_format");
      }
    };
  }

  private static String contentType(String outputFormat) {
    return switch (outputFormat.substring(0, outputFormat.indexOf('_'))) {
      case "mp3" -> "audio/mpeg";
      case "opus" -> "audio/ogg";
      case "wav" -> "audio/wav";
      case "ulaw", "alaw" -> "audio/basic";
      default -> "audio/pcm";
    };
  }
}
