package io.modelgate.core.error;

import org.jspecify.annotations.Nullable;

/** An error that trying the same thing again will not cure. */
public class NonRetriableException extends ModelgateException {
  public NonRetriableException(String message, String code, @Nullable Throwable cause) {
    super(message, code, cause);
  }

  @Override
  public final boolean retriable() {
    return false;
  }
}
