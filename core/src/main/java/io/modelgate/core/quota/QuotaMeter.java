package io.modelgate.core.quota;

import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One part of {@link QuotaLimits}: what it counts (requests, tokens or USD) over which window. Its
 * {@link #wireName()} is the field name of the admin API and the name a {@code quota_exceeded} error gives.
 */
public enum QuotaMeter {
  REQUESTS_PER_DAY(QuotaWindow.DAY, Unit.REQUESTS),
  REQUESTS_PER_MONTH(QuotaWindow.MONTH, Unit.REQUESTS),
  TOKENS_PER_MONTH(QuotaWindow.MONTH, Unit.TOKENS),
  USD_PER_MONTH(QuotaWindow.MONTH, Unit.USD),
  RPM(QuotaWindow.MINUTE, Unit.REQUESTS),
  TPM(QuotaWindow.MINUTE, Unit.TOKENS);

  /** What a meter counts. */
  public enum Unit {
    REQUESTS,
    TOKENS,
    USD
  }

  private final QuotaWindow window;
  private final Unit unit;

  QuotaMeter(QuotaWindow window, Unit unit) {
    this.window = window;
    this.unit = unit;
  }

  public QuotaWindow window() {
    return window;
  }

  public Unit unit() {
    return unit;
  }

  /** {@code requests_per_day}, {@code usd_per_month}, {@code rpm}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static QuotaMeter parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown quota limit '" + text + "'; expected requests_per_day, "
          + "requests_per_month, tokens_per_month, usd_per_month, rpm or tpm", e);
    }
  }

  /** This meter's part of {@code limits}, or null when it is not set. */
  public @Nullable BigDecimal limitIn(QuotaLimits limits) {
    return switch (this) {
      case REQUESTS_PER_DAY -> decimal(limits.requestsPerDay());
      case REQUESTS_PER_MONTH -> decimal(limits.requestsPerMonth());
      case TOKENS_PER_MONTH -> decimal(limits.tokensPerMonth());
      case USD_PER_MONTH -> limits.usdPerMonth();
      case RPM -> decimal(limits.rpm());
      case TPM -> decimal(limits.tpm());
    };
  }

  /** This meter's unit of {@code amount}. */
  public BigDecimal amountIn(QuotaAmount amount) {
    return switch (unit) {
      case REQUESTS -> BigDecimal.valueOf(amount.requests());
      case TOKENS -> BigDecimal.valueOf(amount.tokens());
      case USD -> amount.usd();
    };
  }

  private static @Nullable BigDecimal decimal(@Nullable Long value) {
    return value == null ? null : BigDecimal.valueOf(value);
  }
}
