package io.modelgate.provider.elevenlabs;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The voices of one ElevenLabs connection, read at most every {@link #TTL} (discovery always reads them afresh).
 * Finds a voice by its id or, case-insensitively, by its name. Thread-safe.
 */
final class VoiceDirectory {
  static final Duration TTL = Duration.ofMinutes(5);
  /** ElevenLabs voice ids: 20 letters and digits ({@code JBFqnCBsd6RMkjVDRZzb}). */
  private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9]{20}");

  private record Snapshot(List<ElevenLabsWire.Voice> voices, long readAtNanos) {}

  private final ElevenLabsApi api;
  private volatile @Nullable Snapshot snapshot;

  VoiceDirectory(ElevenLabsApi api) {
    this.api = api;
  }

  /** Reads the voices from ElevenLabs now and keeps them. */
  List<ElevenLabsWire.Voice> refresh() {
    List<ElevenLabsWire.Voice> voices = api.voices();
    snapshot = new Snapshot(voices, System.nanoTime());
    return voices;
  }

  List<ElevenLabsWire.Voice> all() {
    Snapshot s = snapshot;
    if (s == null || System.nanoTime() - s.readAtNanos() > TTL.toNanos()) {
      return refresh();
    }
    return s.voices();
  }

  /**
   * The voice id to call for {@code voice}: an id as given; a name looked up among the voices (read if not known
   * yet); anything else as given, for ElevenLabs to judge.
   */
  String resolve(String voice) {
    if (VOICE_ID.matcher(voice).matches()) {
      return voice;
    }
    Optional<ElevenLabsWire.Voice> named = all().stream()
        .filter(v -> v.voiceId().equals(voice)
            || v.name() != null && v.name().toLowerCase(Locale.ROOT).equals(voice.toLowerCase(Locale.ROOT)))
        .findFirst();
    return named.map(ElevenLabsWire.Voice::voiceId).orElse(voice);
  }

  /** Whether {@code voice} may be spoken by {@code model}: it lists the model, or lists none. */
  static boolean speaks(ElevenLabsWire.Voice voice, String model) {
    return voice.modelIds() == null || voice.modelIds().isEmpty() || voice.modelIds().contains(model);
  }
}
