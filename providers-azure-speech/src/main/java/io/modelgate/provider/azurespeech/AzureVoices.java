package io.modelgate.provider.azurespeech;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The region's voices for one connection, read at most every {@link #TTL}; discovery reads them afresh. A catalog
 * model is a voice type in lower case ({@code neural}); its voices are those of that type. Thread-safe.
 */
final class AzureVoices {
  static final Duration TTL = Duration.ofMinutes(10);

  private record Read(List<AzureSpeechWire.Voice> voices, long atNanos) {}

  private final AzureSpeechApi api;
  private volatile @Nullable Read last;

  AzureVoices(AzureSpeechApi api) {
    this.api = api;
  }

  List<AzureSpeechWire.Voice> fresh() {
    List<AzureSpeechWire.Voice> voices = api.voices();
    last = new Read(voices, System.nanoTime());
    return voices;
  }

  List<AzureSpeechWire.Voice> known() {
    Read read = last;
    return read != null && System.nanoTime() - read.atNanos() < TTL.toNanos() ? read.voices() : fresh();
  }

  static String model(AzureSpeechWire.Voice voice) {
    return voice.voiceType() == null ? "neural" : voice.voiceType().toLowerCase(Locale.ROOT);
  }
}
