package io.modelgate.core.gateway;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaMeter;
import io.modelgate.core.quota.QuotaStatus;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every caller to the limits its user, org and gateway key have in the {@link QuotaPolicyStore}. A call
 * reserves its worst case (one request, its maximum tokens and cost) on the day and month counters of each of those
 * subjects that have a limit there, and on the minute counters of those with {@code rpm} or {@code tpm}; it goes
 * ahead only if every reservation fits, and gives back those it made when one does not. Day and month counters are
 * kept even for subjects without limits, so a limit set mid-month counts what was already used; those count the
 * call when it settles, with its usage record, so a subject without a limit costs no round trip. A counter with a
 * limit is settled the moment the call ends in what its limit bounds, so its room is exact for the next call; what
 * the limit does not bound (a requests-per-day counter's tokens and cost: a call reserves one request and uses one)
 * settles with the usage record, off the request path, and until then the counter holds the worst case.
 * The ledger's atomic {@link QuotaLedger#tryReserve} makes the limits hold exactly across threads and replicas
 * sharing a database.
 * Limits are read from the store on every call, so a change applies at once on every replica. Thread-safe.
 */
public final class LimitingQuotaGuard implements QuotaGuard {
  private static final Logger LOG = LoggerFactory.getLogger(LimitingQuotaGuard.class);
  private static final List<QuotaWindow> WINDOWS = List.of(QuotaWindow.MINUTE, QuotaWindow.DAY, QuotaWindow.MONTH);

  private final QuotaLedger ledger;
  private final QuotaPolicyStore policies;
  private final InstantSource clock;

  @Inject
  public LimitingQuotaGuard(QuotaLedger ledger, QuotaPolicyStore policies, InstantSource clock) {
    this.ledger = Objects.requireNonNull(ledger, "'ledger' must not be null");
    this.policies = Objects.requireNonNull(policies, "'policies' must not be null");
    this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
  }

  @Override
  public Ticket reserve(CallerContext caller, CatalogEntry model, long maxTokens, BigDecimal maxUsd) {
    checked(maxTokens, maxUsd);
    return reserve(caller, model, new WorstCase() {
      @Override
      public long maxTokens() {
        return maxTokens;
      }

      @Override
      public BigDecimal maxUsd() {
        return maxUsd;
      }
    });
  }

  /** Asks for {@code worst} only when one of the caller's subjects has a limit to reserve it on. */
  @Override
  public Ticket reserve(CallerContext caller, CatalogEntry model, WorstCase worst) {
    Instant now = clock.instant();
    @Nullable QuotaAmount amount = null;
    List<QuotaCounterKey> reserved = new ArrayList<>();
    List<QuotaLimit> reservedLimits = new ArrayList<>();
    List<QuotaCounterKey> counted = new ArrayList<>();
    try {
      for (QuotaSubject subject : subjectsOf(caller)) {
        QuotaLimits limits = policies.get(subject).orElse(QuotaLimits.NONE);
        for (QuotaWindow window : WINDOWS) {
          QuotaLimit limit = limits.limitFor(window);
          if (limit.equals(QuotaLimit.UNLIMITED)) {
            if (window != QuotaWindow.MINUTE) {
              counted.add(new QuotaCounterKey(subject, window, window.periodOf(now)));
            }
            continue;
          }
          if (amount == null) {
            amount = new QuotaAmount(1, worst.maxTokens(), worst.maxUsd());
            checked(amount.tokens(), amount.usd());
          }
          QuotaCounterKey key = new QuotaCounterKey(subject, window, window.periodOf(now));
          if (!ledger.tryReserve(key, amount, limit)) {
            throw exceeded(key, limits, amount, now);
          }
          reserved.add(key);
          reservedLimits.add(limit);
        }
      }
    } catch (RuntimeException e) {
      if (amount != null) {
        giveBack(reserved, amount);
      }
      throw e;
    }
    // Without a limit nothing is reserved, and settling counts only what the call used.
    return reserved.isEmpty() && counted.isEmpty() ? NO_TICKET
        : new Reservation(List.copyOf(reserved), List.copyOf(reservedLimits), List.copyOf(counted),
            amount != null ? amount : QuotaAmount.ZERO);
  }

  private static void checked(long maxTokens, BigDecimal maxUsd) {
    if (maxTokens < 0) {
      throw new IllegalArgumentException("'maxTokens' must not be negative, was " + maxTokens);
    }
    if (maxUsd.signum() < 0) {
      throw new IllegalArgumentException("'maxUsd' must not be negative, was " + maxUsd);
    }
  }

  @Override
  public QuotaStatus status(CallerContext caller) {
    Instant now = clock.instant();
    List<QuotaStatus.Entry> entries = new ArrayList<>();
    for (QuotaSubject subject : subjectsOf(caller)) {
      QuotaLimits limits = policies.get(subject).orElse(QuotaLimits.NONE);
      if (limits.isEmpty()) {
        continue;
      }
      for (QuotaWindow window : WINDOWS) {
        if (limits.limitFor(window).equals(QuotaLimit.UNLIMITED)) {
          continue;
        }
        QuotaAmount used = ledger.read(new QuotaCounterKey(subject, window, window.periodOf(now)));
        for (QuotaMeter meter : QuotaMeter.values()) {
          BigDecimal limit = meter.limitIn(limits);
          if (meter.window() != window || limit == null) {
            continue;
          }
          BigDecimal usedPart = meter.amountIn(used).max(BigDecimal.ZERO);
          entries.add(new QuotaStatus.Entry(subject, meter, limit, usedPart,
              limit.subtract(usedPart).max(BigDecimal.ZERO), window.periodEnd(now)));
        }
      }
    }
    return new QuotaStatus(entries);
  }

  /** The subjects a call counts against: its user, org and gateway key, those it has. */
  static List<QuotaSubject> subjectsOf(CallerContext caller) {
    List<QuotaSubject> subjects = new ArrayList<>(3);
    if (caller.principal() != null && !caller.principal().isBlank()) {
      subjects.add(new QuotaSubject(QuotaSubject.Kind.USER, caller.principal()));
    }
    if (caller.orgId() != null && !caller.orgId().isBlank()) {
      subjects.add(new QuotaSubject(QuotaSubject.Kind.ORG, caller.orgId()));
    }
    if (caller.gatewayKey() != null && !caller.gatewayKey().isBlank()) {
      subjects.add(new QuotaSubject(QuotaSubject.Kind.KEY, caller.gatewayKey()));
    }
    return subjects;
  }

  /** Names the limit a refused reservation on {@code key} would have passed. */
  private QuotaExceededException exceeded(QuotaCounterKey key, QuotaLimits limits, QuotaAmount amount, Instant now) {
    QuotaAmount current = ledger.read(key);
    QuotaMeter passed = null;
    BigDecimal limit = null;
    for (QuotaMeter meter : QuotaMeter.values()) {
      BigDecimal value = meter.limitIn(limits);
      if (meter.window() != key.window() || value == null) {
        continue;
      }
      if (passed == null) {
        passed = meter;
        limit = value;
      }
      if (meter.amountIn(current).add(meter.amountIn(amount)).compareTo(value) > 0) {
        passed = meter;
        limit = value;
        break;
      }
    }
    Objects.requireNonNull(passed, "a refused counter has a limit");
    Instant reset = key.window().periodEnd(now);
    Duration retryAfter = Duration.between(now, reset);
    String subject = key.subject().kind().wireName() + " '" + key.subject().id() + "'";
    String ask = switch (passed.unit()) {
      case REQUESTS -> "";
      case TOKENS -> "; this call may use up to " + amount.tokens() + " tokens";
      case USD -> "; this call may cost up to " + amount.usd().stripTrailingZeros().toPlainString() + " USD";
    };
    return new QuotaExceededException(passed.wireName() + " limit of " + limit.stripTrailingZeros().toPlainString()
        + " for " + subject + " reached: " + passed.amountIn(current).stripTrailingZeros().toPlainString()
        + " used" + ask + "; resets at " + reset, passed.wireName(), retryAfter);
  }

  /** Whether {@code delta} changes what {@code limit} bounds. */
  private static boolean bounds(QuotaLimit limit, QuotaAmount delta) {
    return limit.requests() != null && delta.requests() != 0 || limit.tokens() != null && delta.tokens() != 0
        || limit.usd() != null && delta.usd().signum() != 0;
  }

  private void giveBack(List<QuotaCounterKey> keys, QuotaAmount amount) {
    QuotaAmount back = amount.negate();
    for (QuotaCounterKey key : keys) {
      ledger.adjust(key, back);
    }
  }

  /**
   * One call's reservation on its counters with limits, and the counters without a limit that count it when it
   * settles; settled or released once.
   */
  private final class Reservation implements Ticket {
    private final List<QuotaCounterKey> keys;
    /** The limit each of {@link #keys} was reserved under. */
    private final List<QuotaLimit> limits;
    private final List<QuotaCounterKey> counted;
    private final QuotaAmount reserved;
    private final AtomicBoolean done = new AtomicBoolean();

    Reservation(List<QuotaCounterKey> keys, List<QuotaLimit> limits, List<QuotaCounterKey> counted,
        QuotaAmount reserved) {
      this.keys = keys;
      this.limits = limits;
      this.counted = counted;
      this.reserved = reserved;
    }

    /**
     * Turns the reservations into the call's actual usage: at once where the change is in what a counter's limit
     * bounds, so the limit frees what the call did not use the moment it ends (if that fails the counter keeps the
     * reservation: it counts more, never less); returns the rest, and the counts of the counters without a limit, to
     * go with the usage record.
     */
    @Override
    public List<QuotaAdjustment> settle(Usage actual, BigDecimal costUsd) {
      if (!done.compareAndSet(false, true)) {
        return List.of();
      }
      QuotaAmount used = new QuotaAmount(1, actual.totalTokens(), costUsd);
      QuotaAmount delta = used.minus(reserved);
      List<QuotaAdjustment> withRecord = new ArrayList<>(counted.size() + keys.size());
      for (QuotaCounterKey key : counted) {
        withRecord.add(new QuotaAdjustment(key, used));
      }
      if (!delta.sameAs(QuotaAmount.ZERO)) {
        for (int i = 0; i < keys.size(); i++) {
          QuotaCounterKey key = keys.get(i);
          if (!bounds(limits.get(i), delta)) {
            withRecord.add(new QuotaAdjustment(key, delta));
            continue;
          }
          try {
            ledger.adjust(key, delta);
          } catch (RuntimeException e) {
            LOG.warn("quota counter {} keeps its reservation: settling it failed: {}", key, e.toString());
          }
        }
      }
      return List.copyOf(withRecord);
    }

    @Override
    public void release() {
      if (done.compareAndSet(false, true)) {
        giveBack(keys, reserved);
      }
    }
  }
}
