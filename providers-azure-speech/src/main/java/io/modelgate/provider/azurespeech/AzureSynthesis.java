package io.modelgate.provider.azurespeech;

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
 * Speech through {@code POST /cognitiveservices/v1}: SSML built by {@link Ssml} (text always escaped), the format
 * in {@code X-Microsoft-OutputFormat}, the audio handed on as Azure streams it. OpenAI's {@code response_format}
 * maps to Azure's streaming formats ({@code mp3} → {@code audio-24khz-48kbitrate-mono-mp3}, {@code opus} →
 * {@code ogg-24khz-16bit-mono-opus}, {@code pcm} → {@code raw-24khz-16bit-mono-pcm}, {@code wav} →
 * {@code riff-24khz-16bit-mono-pcm}); an Azure format name passes as it is; {@code aac} and {@code flac} are
 * refused. {@code speed} becomes a prosody rate (0.5 to 2). Thread-safe.
 */
final class AzureSynthesis implements SpeechModel {
  private static final Pattern AZURE_FORMAT = Pattern.compile("(audio|ogg|raw|riff|webm|amr)-[a-z0-9-]+");

  private final AzureSpeechApi api;
  private final AzureVoices voices;

  AzureSynthesis(AzureSpeechApi api, AzureVoices voices) {
    this.api = api;
    this.voices = voices;
  }

  @Override
  public SpeechAudio speak(String model, SpeechRequest request) {
    if (request.speed() != null && (request.speed() < 0.5 || request.speed() > 2.0)) {
      throw new InvalidRequestException("Azure speaks at rates from 0.5 to 2, not " + request.speed(), "speed");
    }
    String format = outputFormat(request.format());
    Response response = api.synthesize(Ssml.speak(request.voice(), request.input(), request.speed()), format);
    return new SpeechAudio(response.header("Content-Type", mediaType(format)), response.body().byteStream());
  }

  @Override
  public List<String> voices(String model) {
    return voices.known().stream().filter(v -> AzureVoices.model(v).equals(model))
        .map(AzureSpeechWire.Voice::shortName).toList();
  }

  static String outputFormat(@Nullable String responseFormat) {
    String f = responseFormat == null ? "mp3" : responseFormat.strip().toLowerCase(Locale.ROOT);
    if (AZURE_FORMAT.matcher(f).matches()) {
      return f;
    }
    return switch (f) {
      case "mp3" -> "audio-24khz-48kbitrate-mono-mp3";
      case "opus" -> "ogg-24khz-16bit-mono-opus";
      case "pcm" -> "raw-24khz-16bit-mono-pcm";
      case "wav" -> "riff-24khz-16bit-mono-pcm";
      default -> throw new InvalidRequestException("Azure AI Speech cannot produce '" + responseFormat
          + "'; use mp3, opus, pcm or wav, or an Azure output format such as audio-48khz-96kbitrate-mono-mp3",
          "response_format");
    };
  }

  private static String mediaType(String format) {
    if (format.endsWith("mp3")) {
      return "audio/mpeg";
    }
    if (format.endsWith("opus")) {
      return format.startsWith("webm") ? "audio/webm" : "audio/ogg";
    }
    return format.startsWith("riff") ? "audio/wav" : "audio/pcm";
  }
}
