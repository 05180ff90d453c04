package io.modelgate.core.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Audio as it streams back from a speech model; close it to release the upstream connection. */
public record SpeechAudio(String contentType, InputStream body) implements AutoCloseable {
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
