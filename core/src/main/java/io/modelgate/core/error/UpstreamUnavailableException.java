package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The provider failed on its side (5xx), or could not be reached (connection refused, reset). */
public class UpstreamUnavailableException extends RetriableException {
  private final int status;

  public UpstreamUnavailableException(String message, int status, @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(message, "upstream_unavailable", retryAfter, cause);
    this.status = status;
  }

  /** The upstream HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}
