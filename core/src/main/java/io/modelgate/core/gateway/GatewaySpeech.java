package io.modelgate.core.gateway;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.routing.Route;

/** Speech under way: request id, route, and the audio as it streams. */
public record GatewaySpeech(String requestId, Route route, SpeechAudio audio) implements AutoCloseable {
  @Override
  public void close() {
    audio.close();
  }
}
