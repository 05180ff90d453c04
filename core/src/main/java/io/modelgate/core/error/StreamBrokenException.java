package io.modelgate.core.error;

import org.jspecify.annotations.Nullable;

/** A stream ended without its finish: truncated, a malformed line, or the connection reset mid-way. */
public class StreamBrokenException extends RetriableException {
  public StreamBrokenException(String message, @Nullable Throwable cause) {
    super(message, "stream_broken", null, cause);
  }
}
