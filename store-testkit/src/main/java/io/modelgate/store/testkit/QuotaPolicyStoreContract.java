package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaPolicy;
import io.modelgate.core.quota.QuotaSubject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link QuotaPolicyStore} does. Subclass it with a fresh, empty store per test. */
public abstract class QuotaPolicyStoreContract {
  private static final QuotaSubject ANNA = new QuotaSubject(QuotaSubject.Kind.USER, "anna");
  private static final QuotaSubject ACME = new QuotaSubject(QuotaSubject.Kind.ORG, "acme");
  private static final QuotaSubject KEY = new QuotaSubject(QuotaSubject.Kind.KEY, "mg_live_ab12");
  private static final QuotaLimits EVERY_PART = new QuotaLimits(100L, 2_000L, 5_000_000L,
      new BigDecimal("12.3456789012"), 10L, 40_000L);

  private QuotaPolicyStore store;

  /** A new, empty store. */
  protected abstract QuotaPolicyStore newStore();

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  @Test
  void aSubjectWithoutLimitsHasNone() {
    assertThat(store.get(ANNA)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void everyPartComesBackExactly() {
    store.set(ANNA, EVERY_PART);

    QuotaLimits read = store.get(ANNA).orElseThrow();
    assertThat(read.usdPerMonth()).isEqualByComparingTo("12.3456789012");
    assertThat(read.newBuilder().usdPerMonth((BigDecimal) null).build())
        .isEqualTo(EVERY_PART.newBuilder().usdPerMonth((BigDecimal) null).build());
  }

  @Test
  void unsetPartsStayUnset() {
    QuotaLimits onlyUsd = QuotaLimits.builder().usdPerMonth("0.01").build();
    store.set(ACME, onlyUsd);

    QuotaLimits read = store.get(ACME).orElseThrow();
    assertThat(read.requestsPerDay()).isNull();
    assertThat(read.requestsPerMonth()).isNull();
    assertThat(read.tokensPerMonth()).isNull();
    assertThat(read.rpm()).isNull();
    assertThat(read.tpm()).isNull();
    assertThat(read.usdPerMonth()).isEqualByComparingTo("0.01");
  }

  @Test
  void zeroIsALimitNotAbsence() {
    store.set(KEY, QuotaLimits.builder().requestsPerDay(0L).usdPerMonth("0").build());

    QuotaLimits read = store.get(KEY).orElseThrow();
    assertThat(read.requestsPerDay()).isZero();
    assertThat(read.usdPerMonth()).isEqualByComparingTo("0");
  }

  @Test
  void settingAgainReplacesEveryPart() {
    store.set(ANNA, EVERY_PART);
    store.set(ANNA, QuotaLimits.builder().rpm(5L).build());

    assertThat(store.get(ANNA)).contains(QuotaLimits.builder().rpm(5L).build());
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void subjectsOfDifferentKindsWithTheSameIdAreSeparate() {
    QuotaSubject orgAnna = new QuotaSubject(QuotaSubject.Kind.ORG, "anna");
    store.set(ANNA, QuotaLimits.builder().rpm(1L).build());
    store.set(orgAnna, QuotaLimits.builder().rpm(2L).build());

    assertThat(store.get(ANNA).orElseThrow().rpm()).isEqualTo(1L);
    assertThat(store.get(orgAnna).orElseThrow().rpm()).isEqualTo(2L);
  }

  @Test
  void deleteRemovesAndSaysWhetherThereWereLimits() {
    store.set(ANNA, EVERY_PART);

    assertThat(store.delete(ANNA)).isTrue();
    assertThat(store.delete(ANNA)).isFalse();
    assertThat(store.get(ANNA)).isEmpty();
  }

  @Test
  void settingNoLimitsDeletes() {
    store.set(ANNA, EVERY_PART);
    store.set(ANNA, QuotaLimits.NONE);

    assertThat(store.get(ANNA)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void listIsOrderedByKindThenId() {
    store.set(KEY, QuotaLimits.builder().rpm(3L).build());
    store.set(new QuotaSubject(QuotaSubject.Kind.USER, "zoe"), QuotaLimits.builder().rpm(2L).build());
    store.set(ACME, QuotaLimits.builder().rpm(4L).build());
    store.set(ANNA, QuotaLimits.builder().rpm(1L).build());

    assertThat(store.list()).extracting(QuotaPolicy::subject).containsExactly(ANNA,
        new QuotaSubject(QuotaSubject.Kind.USER, "zoe"), ACME, KEY);
  }

  @Test
  void concurrentSetsOfOneSubjectLeaveOneOfThem() throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (long i = 1; i <= 40; i++) {
      long rpm = i;
      calls.add(() -> {
        store.set(ANNA, QuotaLimits.builder().rpm(rpm).build());
        return null;
      });
    }
    Concurrently.call(8, calls);

    assertThat(store.list()).hasSize(1);
    assertThat(store.get(ANNA).orElseThrow().rpm()).isBetween(1L, 40L);
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.set(ANNA, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.set(null, EVERY_PART)).isInstanceOf(NullPointerException.class);
    assertThat(store.list()).isEmpty();
  }
}
