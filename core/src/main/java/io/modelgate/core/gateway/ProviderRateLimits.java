package io.modelgate.core.gateway;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Outbound rate limits per provider instance: requests ({@value #RPM_OPTION}) and tokens ({@value #TPM_OPTION}) per
 * UTC minute, set as the instance's options, counted on the shared {@link QuotaLedger} (so every replica on the same
 * database or Redis counts against one limit, as the inbound limits do). A call that would pass a limit is not sent:
 * failover moves on to another target, or the caller is told when the minute ends. Thread-safe.
 */
public final class ProviderRateLimits {
  /** Requests per minute the gateway sends to the instance at most. */
  public static final String RPM_OPTION = "rpm";
  /** Tokens per minute (prompt and output) the gateway sends to the instance at most. */
  public static final String TPM_OPTION = "tpm";

  /** No limit on any instance, and nothing counted. */
  public static final ProviderRateLimits NONE = new ProviderRateLimits(InstantSource.system());

  private final @Nullable QuotaLedger ledger;
  private final InstantSource clock;

  @Inject
  public ProviderRateLimits(QuotaLedger ledger, InstantSource clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  private ProviderRateLimits(InstantSource clock) {
    this.ledger = null;
    this.clock = clock;
  }

  /** A call let through: settle it with the tokens it really used once known (once; later calls are ignored). */
  interface Permit {
    Permit UNLIMITED = tokens -> { };

    void settle(long tokens);
  }

  /** The instance's limit, or null when it has none. */
  public static @Nullable QuotaLimit limitOf(ProviderInstance instance) {
    Long rpm = positive(instance, RPM_OPTION);
    Long tpm = positive(instance, TPM_OPTION);
    return rpm == null && tpm == null ? null : new QuotaLimit(rpm, tpm, null);
  }

  /**
   * Counts one call of about {@code tokens} tokens (asked for only under a tokens-per-minute limit) against
   * {@code instance}'s limits; null when that would pass one of them (nothing is counted then).
   */
  @Nullable Permit tryAcquire(ProviderInstance instance, LongSupplier tokens) {
    QuotaLimit limit = limitOf(instance);
    if (limit == null || ledger == null) {
      return Permit.UNLIMITED;
    }
    QuotaLedger counters = ledger;
    QuotaCounterKey key = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.PROVIDER, instance.id()),
        QuotaWindow.MINUTE, QuotaWindow.MINUTE.periodOf(clock.instant()));
    long counted = limit.tokens() == null ? 0 : tokens.getAsLong();
    if (!counters.tryReserve(key, new QuotaAmount(1, counted, BigDecimal.ZERO), limit)) {
      return null;
    }
    if (counted == 0) {
      return Permit.UNLIMITED;
    }
    AtomicBoolean settled = new AtomicBoolean();
    return used -> {
      if (settled.compareAndSet(false, true) && used != counted) {
        counters.adjust(key, new QuotaAmount(0, used - counted, BigDecimal.ZERO));
      }
    };
  }

  /** How long until the current minute ends and every instance's counters start again. */
  Duration untilNextWindow() {
    Instant now = clock.instant();
    return Duration.between(now, QuotaWindow.MINUTE.periodEnd(now));
  }

  private static @Nullable Long positive(ProviderInstance instance, String option) {
    String raw = instance.options().get(option);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(raw.strip());
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
