package io.modelgate.core.quota;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The limits set for one subject (a user, an org or a gateway key); every part is optional and a missing part is
 * unlimited. Day and month windows are UTC calendar days and months; {@code rpm} and {@code tpm} count per UTC
 * minute.
 */
public record QuotaLimits(
    @Nullable Long requestsPerDay,
    @Nullable Long requestsPerMonth,
    @Nullable Long tokensPerMonth,
    @Nullable BigDecimal usdPerMonth,
    @Nullable Long rpm,
    @Nullable Long tpm) {

  /** No limit at all. */
  public static final QuotaLimits NONE = new QuotaLimits(null, null, null, null, null, null);

  public QuotaLimits {
    checkNotNegative(requestsPerDay, "requestsPerDay");
    checkNotNegative(requestsPerMonth, "requestsPerMonth");
    checkNotNegative(tokensPerMonth, "tokensPerMonth");
    checkNotNegative(rpm, "rpm");
    checkNotNegative(tpm, "tpm");
    if (usdPerMonth != null && usdPerMonth.signum() < 0) {
      throw new IllegalArgumentException("'usdPerMonth' must not be negative, was " + usdPerMonth);
    }
  }

  public static Builder builder() {
    return new Builder(NONE);
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Whether no part is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The parts of these limits that a counter of {@code window} enforces; {@link QuotaLimit#UNLIMITED} if none. */
  public QuotaLimit limitFor(QuotaWindow window) {
    return switch (window) {
      case MINUTE -> new QuotaLimit(rpm, tpm, null);
      case DAY -> new QuotaLimit(requestsPerDay, null, null);
      case MONTH -> new QuotaLimit(requestsPerMonth, tokensPerMonth, usdPerMonth);
    };
  }

  private static void checkNotNegative(@Nullable Long value, String name) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException("'" + name + "' must not be negative, was " + value);
    }
  }

  /** Builds {@link QuotaLimits}; every part starts unset. */
  public static final class Builder {
    private @Nullable Long requestsPerDay;
    private @Nullable Long requestsPerMonth;
    private @Nullable Long tokensPerMonth;
    private @Nullable BigDecimal usdPerMonth;
    private @Nullable Long rpm;
    private @Nullable Long tpm;

    private Builder(QuotaLimits from) {
      requestsPerDay = from.requestsPerDay;
      requestsPerMonth = from.requestsPerMonth;
      tokensPerMonth = from.tokensPerMonth;
      usdPerMonth = from.usdPerMonth;
      rpm = from.rpm;
      tpm = from.tpm;
    }

    public Builder requestsPerDay(@Nullable Long value) { requestsPerDay = value; return this; }
    public Builder requestsPerMonth(@Nullable Long value) { requestsPerMonth = value; return this; }
    public Builder tokensPerMonth(@Nullable Long value) { tokensPerMonth = value; return this; }
    public Builder usdPerMonth(@Nullable BigDecimal value) { usdPerMonth = value; return this; }
    public Builder usdPerMonth(String value) { usdPerMonth = new BigDecimal(value); return this; }
    public Builder rpm(@Nullable Long value) { rpm = value; return this; }
    public Builder tpm(@Nullable Long value) { tpm = value; return this; }

    public QuotaLimits build() {
      return new QuotaLimits(requestsPerDay, requestsPerMonth, tokensPerMonth, usdPerMonth, rpm, tpm);
    }
  }
}
