package io.modelgate.core.gateway;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.routing.Route;
import java.math.BigDecimal;

/**
 * Speech under way: request id, route, the audio as it streams, and what it costs at the catalog price (speech is
 * priced per input character).
 */
public record GatewaySpeech(String requestId, Route route, SpeechAudio audio, BigDecimal costUsd)
    implements AutoCloseable {
  @Override
  public void close() {
    audio.close();
  }
}
