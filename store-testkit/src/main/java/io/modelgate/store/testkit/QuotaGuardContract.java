package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.gateway.LimitingQuotaGuard;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LimitingQuotaGuard} on a store's ledger, policies and usage log: limits hold exactly under 64 threads, a
 * refusal gives back what was reserved, and settlements through the usage log leave the ledger equal to the log.
 * Subclass it with fresh, empty stores per test; the usage log must settle on the given ledger.
 */
public abstract class QuotaGuardContract {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final QuotaSubject ANNA = new QuotaSubject(QuotaSubject.Kind.USER, "anna");
  private static final QuotaSubject ACME = new QuotaSubject(QuotaSubject.Kind.ORG, "acme");
  private static final CallerContext CALLER = new CallerContext("anna", "acme", "mg_live_ab12", "conv-1", false);
  private static final CatalogEntry MODEL = CatalogEntry.discovered("openai", ProviderKind.OPENAI,
      DiscoveredModel.of("gpt-4o-mini", ModelCategory.TEXT), ModelStatus.ENABLED, NOW);

  /** The stores the guard works on. */
  public record Fixture(QuotaLedger ledger, QuotaPolicyStore policies, UsageLog log) {
    public Fixture {
      Objects.requireNonNull(ledger, "'ledger' must not be null");
      Objects.requireNonNull(policies, "'policies' must not be null");
      Objects.requireNonNull(log, "'log' must not be null");
    }
  }

  private QuotaLedger ledger;
  private QuotaPolicyStore policies;
  private UsageLog log;
  private TestClock clock;
  private QuotaGuard guard;

  /** New, empty stores; the log settles on the ledger. */
  protected abstract Fixture newFixture();

  @BeforeEach
  final void createGuard() {
    Fixture fixture = newFixture();
    ledger = fixture.ledger();
    policies = fixture.policies();
    log = fixture.log();
    clock = new TestClock(NOW);
    guard = new LimitingQuotaGuard(ledger, policies, clock);
  }

  private QuotaAmount counter(QuotaSubject subject, QuotaWindow window) {
    return ledger.read(new QuotaCounterKey(subject, window, window.periodOf(clock.instant())));
  }

  private static UsageRecord record(int i, Usage usage, BigDecimal cost) {
    return new UsageRecord(NOW, "req-" + i, "chat", "anna", "acme", "mg_live_ab12", "conv-1", "openai:gpt-4o-mini",
        "openai:gpt-4o-mini", "openai", "chosen: openai:gpt-4o-mini", usage, null, cost, Duration.ofMillis(20),
        null, UsageOutcome.SUCCESS, null);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sixtyFourThreadsNeverPassARequestLimitAndTheLedgerAgreesWithTheLog() throws Exception {
    policies.set(ANNA, QuotaLimits.builder().requestsPerDay(100L).build());
    CountDownLatch ready = new CountDownLatch(64);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int n = i;
      calls.add(() -> {
        ready.countDown();
        ready.await();
        QuotaGuard.Ticket ticket;
        try {
          ticket = guard.reserve(CALLER, MODEL, 1_000, new BigDecimal("0.01"));
        } catch (QuotaExceededException e) {
          return false;
        }
        Usage used = Usage.of(100 + n, 10);
        BigDecimal cost = new BigDecimal("0.0000013").multiply(BigDecimal.valueOf(n + 1));
        log.record(record(n, used, cost), ticket.settle(used, cost));
        return true;
      });
    }

    List<Boolean> served = Concurrently.call(64, calls);

    assertThat(served.stream().filter(ok -> ok).count()).isEqualTo(100);
    List<UsageRecord> records = log.find(UsageQuery.ALL);
    assertThat(records).hasSize(100);
    BigDecimal logged = records.stream().map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    long tokens = records.stream().mapToLong(r -> r.usage().totalTokens()).sum();
    for (QuotaSubject subject : List.of(ANNA, ACME)) {
      QuotaAmount day = counter(subject, QuotaWindow.DAY);
      assertThat(day.requests()).isEqualTo(100);
      assertThat(day.tokens()).isEqualTo(tokens);
      assertThat(day.usd()).isEqualByComparingTo(logged);
      assertThat(counter(subject, QuotaWindow.MONTH).sameAs(day)).isTrue();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sixtyFourThreadsNeverPassAUsdLimitOfTheOrg() throws Exception {
    policies.set(ACME, QuotaLimits.builder().usdPerMonth("1.00").rpm(1_000L).build());
    CountDownLatch ready = new CountDownLatch(64);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      calls.add(() -> {
        ready.countDown();
        ready.await();
        try {
          guard.reserve(CALLER, MODEL, 500, new BigDecimal("0.01"));
          return true;
        } catch (QuotaExceededException e) {
          assertThat(e.limit()).isEqualTo("usd_per_month");
          return false;
        }
      });
    }

    assertThat(Concurrently.call(64, calls).stream().filter(ok -> ok).count()).isEqualTo(100);
    assertThat(counter(ACME, QuotaWindow.MONTH).usd()).isEqualByComparingTo("1.00");
    assertThat(counter(ACME, QuotaWindow.MINUTE).requests()).isEqualTo(100);
    assertThat(counter(ANNA, QuotaWindow.MONTH).requests())
        .as("anna has no limit: her counters count a call when it settles, with its usage record").isZero();
  }

  @Test
  void aRefusalGivesBackEveryReservationAlreadyMade() {
    policies.set(ANNA, QuotaLimits.builder().requestsPerDay(5L).rpm(5L).build());
    policies.set(ACME, QuotaLimits.builder().tokensPerMonth(999L).build());

    assertThatThrownBy(() -> guard.reserve(CALLER, MODEL, 1_000, BigDecimal.ONE))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("tokens_per_month");
          assertThat(e.retryAfter()).isEqualTo(Duration.between(NOW, Instant.parse("2026-12-01T00:00:00Z")));
        });

    for (QuotaWindow window : QuotaWindow.values()) {
      assertThat(counter(ANNA, window).sameAs(QuotaAmount.ZERO)).as("%s", window).isTrue();
      assertThat(counter(ACME, window).sameAs(QuotaAmount.ZERO)).as("%s", window).isTrue();
    }
  }

  @Test
  void releaseGivesBackTheWholeReservationOnce() {
    policies.set(ANNA, QuotaLimits.builder().requestsPerDay(1L).build());
    QuotaGuard.Ticket ticket = guard.reserve(CALLER, MODEL, 700, new BigDecimal("0.25"));
    assertThat(counter(ANNA, QuotaWindow.DAY).sameAs(new QuotaAmount(1, 700, new BigDecimal("0.25")))).isTrue();

    ticket.release();
    ticket.release();
    assertThat(ticket.settle(Usage.of(1, 1), BigDecimal.ONE)).isEmpty();

    assertThat(counter(ANNA, QuotaWindow.DAY).sameAs(QuotaAmount.ZERO)).isTrue();
    guard.reserve(CALLER, MODEL, 700, new BigDecimal("0.25"));
  }

  @Test
  void aLimitSetMidMonthCountsWhatWasAlreadyUsed() {
    QuotaGuard.Ticket first = guard.reserve(CALLER, MODEL, 100, new BigDecimal("0.40"));
    log.record(record(1, Usage.of(60, 20), new BigDecimal("0.30")), first.settle(Usage.of(60, 20),
        new BigDecimal("0.30")));

    policies.set(ANNA, QuotaLimits.builder().usdPerMonth("0.50").build());

    assertThatThrownBy(() -> guard.reserve(CALLER, MODEL, 100, new BigDecimal("0.40")))
        .isInstanceOf(QuotaExceededException.class).hasMessageContaining("0.3 used");
    guard.reserve(CALLER, MODEL, 100, new BigDecimal("0.20"));
    assertThat(guard.status(CALLER).entries()).singleElement().satisfies(e -> {
      assertThat(e.used()).isEqualByComparingTo("0.50");
      assertThat(e.remaining()).isEqualByComparingTo("0");
    });
  }
}
