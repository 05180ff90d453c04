package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** An error that a retry later, or on another node, may cure. */
public class RetriableException extends ModelgateException {
  private final @Nullable Duration retryAfter;

  public RetriableException(String message, String code, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, code, cause);
    this.retryAfter = retryAfter;
  }

  @Override
  public final boolean retriable() {
    return true;
  }

  @Override
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
