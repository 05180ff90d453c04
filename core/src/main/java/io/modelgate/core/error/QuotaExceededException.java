package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A limit of ours (requests, tokens, USD) would be passed; the message names the limit. */
public class QuotaExceededException extends NonRetriableException {
  private final @Nullable Duration retryAfter;
  private final String limit;

  public QuotaExceededException(String message, String limit, @Nullable Duration retryAfter) {
    super(message, "quota_exceeded", null);
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  /** Which limit: {@code requests_per_day}, {@code usd_per_month}, ... */
  public String limit() {
    return limit;
  }

  @Override
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
