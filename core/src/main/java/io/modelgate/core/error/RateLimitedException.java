package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The upstream provider said too many requests (HTTP 429); its {@code Retry-After} is kept. */
public class RateLimitedException extends RetriableException {
  public RateLimitedException(String message, @Nullable Duration retryAfter) {
    super(message, "rate_limited", retryAfter, null);
  }
}
