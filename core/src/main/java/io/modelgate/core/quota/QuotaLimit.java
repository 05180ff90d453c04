package io.modelgate.core.quota;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** The most a counter may hold; a null part is unlimited. */
public record QuotaLimit(@Nullable Long requests, @Nullable Long tokens, @Nullable BigDecimal usd) {
  public static final QuotaLimit UNLIMITED = new QuotaLimit(null, null, null);

  public QuotaLimit {
    if (requests != null && requests < 0 || tokens != null && tokens < 0 || usd != null && usd.signum() < 0) {
      throw new IllegalArgumentException("quota limits must not be negative");
    }
  }

  /** Whether {@code total} stays within this limit. */
  public boolean admits(QuotaAmount total) {
    return (requests == null || total.requests() <= requests)
        && (tokens == null || total.tokens() <= tokens)
        && (usd == null || total.usd().compareTo(usd) <= 0);
  }
}
