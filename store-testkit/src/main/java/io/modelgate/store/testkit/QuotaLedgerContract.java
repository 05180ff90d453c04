package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link QuotaLedger} does. Subclass it with a fresh, empty ledger per test; a ledger that keeps some
 * windows elsewhere (rpm and tpm in Redis) runs it once more with {@link #window()} overridden.
 */
public abstract class QuotaLedgerContract {
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

  private QuotaLedger ledger;
  /** Anna's counter in {@link #window()}: the one most tests use. */
  private QuotaCounterKey anna;

  /** A new, empty ledger. */
  protected abstract QuotaLedger newLedger();

  /** The window of the counter most tests use; {@link QuotaWindow#DAY} unless overridden. */
  protected QuotaWindow window() {
    return QuotaWindow.DAY;
  }

  @BeforeEach
  final void createLedger() {
    ledger = newLedger();
    anna = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), window(),
        window().periodOf(AT));
  }

  static QuotaAmount requests(long n) {
    return new QuotaAmount(n, 0, BigDecimal.ZERO);
  }

  static QuotaAmount usd(String amount) {
    return new QuotaAmount(0, 0, new BigDecimal(amount));
  }

  private static QuotaLimit usdLimit(String amount) {
    return new QuotaLimit(null, null, new BigDecimal(amount));
  }

  @Test
  void untouchedCounterReadsZero() {
    assertThat(ledger.read(anna).sameAs(QuotaAmount.ZERO)).isTrue();
  }

  @Test
  void reservationWithinTheLimitIsAdded() {
    QuotaAmount amount = new QuotaAmount(1, 1_500, new BigDecimal("0.0125"));

    assertThat(ledger.tryReserve(anna, amount, new QuotaLimit(10L, 100_000L, new BigDecimal("5")))).isTrue();
    assertThat(ledger.tryReserve(anna, amount, QuotaLimit.UNLIMITED)).isTrue();

    QuotaAmount read = ledger.read(anna);
    assertThat(read.requests()).isEqualTo(2);
    assertThat(read.tokens()).isEqualTo(3_000);
    assertThat(read.usd()).isEqualByComparingTo("0.025");
  }

  @Test
  void reservationUpToExactlyTheLimitIsAllowedAndOnePastIsRefused() {
    QuotaLimit limit = new QuotaLimit(3L, null, null);

    assertThat(ledger.tryReserve(anna, requests(2), limit)).isTrue();
    assertThat(ledger.tryReserve(anna, requests(1), limit)).isTrue();
    assertThat(ledger.tryReserve(anna, requests(1), limit)).isFalse();
    assertThat(ledger.read(anna).requests()).isEqualTo(3);
  }

  @Test
  void refusedReservationLeavesTheCounterAsItWas() {
    ledger.adjust(anna, new QuotaAmount(5, 900, new BigDecimal("0.40")));

    assertThat(ledger.tryReserve(anna, new QuotaAmount(1, 200, new BigDecimal("0.01")),
        new QuotaLimit(100L, 1_000L, null))).isFalse();

    assertThat(ledger.read(anna).sameAs(new QuotaAmount(5, 900, new BigDecimal("0.4")))).isTrue();
  }

  @Test
  void refusedReservationOnAnUntouchedCounterReadsZero() {
    assertThat(ledger.tryReserve(anna, requests(5), new QuotaLimit(4L, null, null))).isFalse();
    assertThat(ledger.read(anna).sameAs(QuotaAmount.ZERO)).isTrue();
  }

  @Test
  void everyPartOfTheLimitIsChecked() {
    assertThat(ledger.tryReserve(anna, new QuotaAmount(1, 600, BigDecimal.ZERO),
        new QuotaLimit(null, 1_000L, null))).isTrue();
    assertThat(ledger.tryReserve(anna, new QuotaAmount(1, 600, BigDecimal.ZERO),
        new QuotaLimit(null, 1_000L, null))).isFalse();
    assertThat(ledger.tryReserve(anna, new QuotaAmount(1, 0, new BigDecimal("2")),
        new QuotaLimit(null, 1_000L, new BigDecimal("1")))).isFalse();
    assertThat(ledger.read(anna).requests()).isEqualTo(1);
  }

  @Test
  void usdLimitsHoldToTheCent() {
    QuotaLimit limit = usdLimit("1.00");
    for (int i = 0; i < 3; i++) {
      assertThat(ledger.tryReserve(anna, usd("0.33"), limit)).as("reservation %d", i).isTrue();
    }
    assertThat(ledger.tryReserve(anna, usd("0.02"), limit)).isFalse();
    assertThat(ledger.tryReserve(anna, usd("0.01"), limit)).isTrue();
    assertThat(ledger.tryReserve(anna, usd("0.01"), limit)).isFalse();
    assertThat(ledger.tryReserve(anna, usd("0.0000000001"), limit)).isFalse();

    assertThat(ledger.read(anna).usd()).isEqualByComparingTo("1.00");
  }

  @Test
  void usdSumsAreDecimalNotBinaryFloatingPoint() {
    QuotaLimit limit = usdLimit("0.3");

    assertThat(ledger.tryReserve(anna, usd("0.1"), limit)).isTrue();
    assertThat(ledger.tryReserve(anna, usd("0.2"), limit)).isTrue();

    assertThat(ledger.read(anna).usd()).isEqualByComparingTo("0.3");
  }

  @Test
  void tinyCostsAreKept() {
    for (int i = 0; i < 7; i++) {
      ledger.adjust(anna, usd("0.0000001234"));
    }

    assertThat(ledger.read(anna).usd()).isEqualByComparingTo("0.0000008638");
  }

  @Test
  void adjustAddsAndReleasesWithoutLookingAtLimits() {
    ledger.adjust(anna, new QuotaAmount(1, 1_000, new BigDecimal("0.50")));
    ledger.adjust(anna, new QuotaAmount(0, 250, new BigDecimal("0.10")));
    ledger.adjust(anna, new QuotaAmount(-1, -100, new BigDecimal("-0.05")));

    assertThat(ledger.read(anna).sameAs(new QuotaAmount(0, 1_150, new BigDecimal("0.55")))).isTrue();
  }

  @Test
  void countersAreSeparatePerSubjectWindowAndPeriod() {
    QuotaCounterKey org = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.ORG, "anna"), anna.window(),
        anna.period());
    QuotaWindow otherWindow = window() == QuotaWindow.MONTH ? QuotaWindow.DAY : QuotaWindow.MONTH;
    QuotaCounterKey month = new QuotaCounterKey(anna.subject(), otherWindow, otherWindow.periodOf(AT));
    QuotaCounterKey tomorrow = new QuotaCounterKey(anna.subject(), window(),
        window().periodOf(AT.plus(Duration.ofDays(40))));
    QuotaCounterKey key = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.KEY, "mg_abc"), QuotaWindow.MINUTE,
        "2026-11-23T10:15");

    ledger.adjust(anna, requests(1));
    ledger.adjust(org, requests(2));
    ledger.adjust(month, requests(3));
    ledger.adjust(tomorrow, requests(4));
    ledger.adjust(key, requests(5));

    assertThat(ledger.read(anna).requests()).isEqualTo(1);
    assertThat(ledger.read(org).requests()).isEqualTo(2);
    assertThat(ledger.read(month).requests()).isEqualTo(3);
    assertThat(ledger.read(tomorrow).requests()).isEqualTo(4);
    assertThat(ledger.read(key).requests()).isEqualTo(5);
  }

  @Test
  void aProvidersOutboundCountersAreTheirOwnAndHoldTheirLimit() {
    QuotaCounterKey provider = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.PROVIDER, "anna"),
        QuotaWindow.MINUTE, "2026-11-23T10:15");
    QuotaLimit rpm = new QuotaLimit(2L, null, null);
    assertThat(ledger.tryReserve(provider, requests(1), rpm)).isTrue();
    assertThat(ledger.tryReserve(provider, requests(1), rpm)).isTrue();
    assertThat(ledger.tryReserve(provider, requests(1), rpm)).isFalse();
    assertThat(ledger.read(provider).requests()).isEqualTo(2);
    assertThat(ledger.read(new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), QuotaWindow.MINUTE,
        "2026-11-23T10:15")).requests()).isZero();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sixtyFourThreadsNeverPassTheLimit() throws Exception {
    QuotaLimit limit = new QuotaLimit(100L, null, null);
    CountDownLatch allThreadsReady = new CountDownLatch(64);
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      attempts.add(() -> {
        allThreadsReady.countDown();
        allThreadsReady.await();
        return ledger.tryReserve(anna, requests(1), limit);
      });
    }

    long succeeded = Concurrently.call(64, attempts).stream().filter(ok -> ok).count();

    assertThat(succeeded).isEqualTo(100);
    assertThat(ledger.read(anna).requests()).isEqualTo(100);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentReservationsOfDifferentSizesAreRefusedOnlyWhenTheyDoNotFit() throws Exception {
    QuotaLimit limit = new QuotaLimit(null, 1_000L, null);
    CountDownLatch allThreadsReady = new CountDownLatch(64);
    List<Callable<Long>> attempts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long tokens = 1 + (i * 7L) % 20;
      attempts.add(() -> {
        allThreadsReady.countDown();
        allThreadsReady.await();
        return ledger.tryReserve(anna, new QuotaAmount(1, tokens, BigDecimal.ZERO), limit) ? tokens : -tokens;
      });
    }

    List<Long> results = Concurrently.call(64, attempts);

    long granted = results.stream().filter(t -> t > 0).mapToLong(Long::longValue).sum();
    QuotaAmount read = ledger.read(anna);
    assertThat(read.tokens()).isEqualTo(granted).isLessThanOrEqualTo(1_000);
    assertThat(read.requests()).isEqualTo(results.stream().filter(t -> t > 0).count());
    // The counter only grew, so a reservation refused then does not fit now either.
    assertThat(results).filteredOn(t -> t < 0).isNotEmpty().allMatch(t -> granted - t > 1_000);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentReservationsReleasesAndReadsAgreeAndLoseNothing() throws Exception {
    QuotaLimit limit = new QuotaLimit(10L, null, null);
    List<Callable<Long>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(() -> {
        if (!ledger.tryReserve(anna, requests(1), limit)) {
          return -1L;
        }
        long seen = ledger.read(anna).requests(); // while this caller holds one, 1 to 10 are held
        ledger.adjust(anna, requests(-1));
        return seen;
      });
    }

    List<Long> seen = Concurrently.call(32, calls);

    assertThat(seen).filteredOn(n -> n >= 0).isNotEmpty().allMatch(n -> n >= 1 && n <= 10);
    assertThat(ledger.read(anna).sameAs(QuotaAmount.ZERO)).isTrue();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentAdjustmentsAreNeverLost() throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(() -> {
        ledger.adjust(anna, new QuotaAmount(1, 10, new BigDecimal("0.01")));
        return null;
      });
    }
    Concurrently.call(16, calls);

    assertThat(ledger.read(anna).sameAs(new QuotaAmount(200, 2_000, new BigDecimal("2.00")))).isTrue();
  }

  @Test
  void nullArgumentsAreRejectedAndNothingChanges() {
    assertThatThrownBy(() -> ledger.tryReserve(null, requests(1), QuotaLimit.UNLIMITED))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ledger.tryReserve(anna, null, QuotaLimit.UNLIMITED))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ledger.tryReserve(anna, requests(1), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ledger.adjust(anna, null)).isInstanceOf(NullPointerException.class);
    assertThat(ledger.read(anna).sameAs(QuotaAmount.ZERO)).isTrue();
  }
}
