package io.modelgate.core.chat;

import io.modelgate.core.model.CallerContext;
import org.jspecify.annotations.Nullable;

/** Text to speak with a voice, in an audio format ({@code mp3} unless asked), for the model asked. */
public record SpeechRequest(
    @Nullable String model, String input, String voice, @Nullable String format, @Nullable Double speed,
    CallerContext caller) {
  public SpeechRequest {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("'input' must not be blank");
    }
    if (voice == null || voice.isBlank()) {
      throw new IllegalArgumentException("'voice' must not be blank");
    }
    if (speed != null && (speed < 0.25 || speed > 4.0)) {
      throw new IllegalArgumentException("'speed' must be between 0.25 and 4.0, was " + speed);
    }
    caller = caller == null ? CallerContext.ANONYMOUS : caller;
  }

  /** This request with {@code voice} instead, as the serving provider names it. */
  public SpeechRequest withVoice(String voice) {
    return new SpeechRequest(model, input, voice, format, speed, caller);
  }

  /** How many characters {@code input} has (code points): what speech is priced and counted by. */
  public long characters() {
    return input.codePointCount(0, input.length());
  }
}
