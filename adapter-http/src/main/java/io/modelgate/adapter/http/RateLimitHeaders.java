package io.modelgate.adapter.http;

import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.quota.QuotaMeter;
import io.modelgate.core.quota.QuotaStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;

/**
 * The caller's limits as response headers: for each limit set on their user, org or gateway key, the tightest
 * (least left) as {@code x-ratelimit-limit-<limit>}, {@code x-ratelimit-remaining-<limit>} and
 * {@code x-ratelimit-reset-<limit>} (seconds until the window resets, rounded up), where {@code <limit>} is the
 * limit's name with hyphens: {@code requests-per-day}, {@code requests-per-month}, {@code tokens-per-month},
 * {@code usd-per-month}, {@code rpm}, {@code tpm}. No limits, no headers.
 */
@Singleton
final class RateLimitHeaders {
  private final Gateway gateway;
  private final InstantSource clock;

  @Inject
  RateLimitHeaders(Gateway gateway, InstantSource clock) {
    this.gateway = gateway;
    this.clock = clock;
  }

  /** Writes the headers for the call's caller; a call without a caller gets none. */
  void write(Call call) {
    QuotaStatus status = gateway.quotaStatus(call.caller());
    if (status.isEmpty()) {
      return;
    }
    for (QuotaMeter meter : QuotaMeter.values()) {
      status.tightest(meter).ifPresent(e -> {
        String suffix = suffix(meter);
        call.header("x-ratelimit-limit-" + suffix, e.limit().stripTrailingZeros().toPlainString());
        call.header("x-ratelimit-remaining-" + suffix, e.remaining().stripTrailingZeros().toPlainString());
        long millis = Math.max(0, Duration.between(clock.instant(), e.resetsAt()).toMillis());
        call.header("x-ratelimit-reset-" + suffix, Long.toString((millis + 999) / 1000));
      });
    }
  }

  static String suffix(QuotaMeter meter) {
    return meter.wireName().replace('_', '-').toLowerCase(Locale.ROOT);
  }
}
