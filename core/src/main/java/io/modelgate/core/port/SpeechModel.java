package io.modelgate.core.port;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import java.util.List;

/** Turns text into speech with one provider instance's TTS models. Thread-safe. */
public interface SpeechModel {
  /** Starts the call and returns the audio as it streams; throws a ModelgateException on failure. */
  SpeechAudio speak(String model, SpeechRequest request);

  /** The voices {@code model} offers. */
  List<String> voices(String model);
}
