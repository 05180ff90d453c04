package io.modelgate.core.error;

import org.jspecify.annotations.Nullable;

/** The provider took too long: no first byte, or a stall mid-stream (HTTP 408 counts too). */
public class UpstreamTimeoutException extends RetriableException {
  public UpstreamTimeoutException(String message, @Nullable Throwable cause) {
    super(message, "upstream_timeout", null, cause);
  }
}
