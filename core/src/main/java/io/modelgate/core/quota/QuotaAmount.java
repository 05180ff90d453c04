package io.modelgate.core.quota;

import java.math.BigDecimal;
import java.util.Objects;

/** Requests, tokens and USD: what a counter holds, and what a reservation or settlement adds. */
public record QuotaAmount(long requests, long tokens, BigDecimal usd) {
  public static final QuotaAmount ZERO = new QuotaAmount(0, 0, BigDecimal.ZERO);

  public QuotaAmount {
    Objects.requireNonNull(usd, "'usd' must not be null");
  }

  public QuotaAmount plus(QuotaAmount other) {
    return new QuotaAmount(requests + other.requests, tokens + other.tokens, usd.add(other.usd));
  }

  public QuotaAmount minus(QuotaAmount other) {
    return new QuotaAmount(requests - other.requests, tokens - other.tokens, usd.subtract(other.usd));
  }

  public QuotaAmount negate() {
    return ZERO.minus(this);
  }

  /** Equal amounts with USD compared by value, not scale. */
  public boolean sameAs(QuotaAmount other) {
    return requests == other.requests && tokens == other.tokens && usd.compareTo(other.usd) == 0;
  }
}
