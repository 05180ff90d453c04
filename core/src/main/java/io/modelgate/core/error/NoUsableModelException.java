package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Routing found nothing that may serve the request, after every fallback; when what could serve is only failing
 * for a while (its circuit is open), {@link #retryAfter()} says when to try again.
 */
public class NoUsableModelException extends NonRetriableException {
  private final @Nullable Duration retryAfter;

  public NoUsableModelException(String message) {
    this(message, null);
  }

  public NoUsableModelException(String message, @Nullable Duration retryAfter) {
    super(message, "no_usable_model", null);
    this.retryAfter = retryAfter;
  }

  @Override
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
