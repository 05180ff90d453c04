package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The one base of every error Modelgate reports, split by whether a retry can help: {@link RetriableException}
 * (rate limited, upstream down, timeout, broken stream) and everything else. Messages are safe to show a caller:
 * they never hold a key.
 */
public abstract class ModelgateException extends RuntimeException {
  private final String code;

  protected ModelgateException(String message, String code, @Nullable Throwable cause) {
    super(Redaction.redact(message), cause);
    this.code = code;
  }

  /** A stable, machine-readable code such as {@code model_not_found} or {@code rate_limited}. */
  public String code() {
    return code;
  }

  /** Whether trying again (later, or elsewhere) may succeed. */
  public abstract boolean retriable();

  /** How long the caller should wait before trying again, when known. */
  public @Nullable Duration retryAfter() {
    return null;
  }
}
