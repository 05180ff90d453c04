package io.modelgate.core.error;

import java.time.Duration;

/** Discovery was asked again inside the provider's minimum interval, without {@code force}. */
public class TooSoonException extends NonRetriableException {
  private final Duration retryAfter;

  public TooSoonException(String message, Duration retryAfter) {
    super(message, "too_soon", null);
    this.retryAfter = retryAfter;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }
}
