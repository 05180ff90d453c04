package io.modelgate.store.testkit;

import static io.modelgate.store.testkit.Compare.sameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link UsageLog} does, with the {@link QuotaLedger} its settlements land on. Subclass it with a fresh,
 * empty log and ledger per test. Totals group records without the grouped field under {@code ""}, in key order,
 * and cover every record in the range: the query's limit caps only {@link UsageLog#find}.
 */
public abstract class UsageLogContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final QuotaCounterKey ANNA_TODAY =
      new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), QuotaWindow.DAY, "2026-11-23");
  private static final QuotaCounterKey ACME_MONTH =
      new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.ORG, "acme"), QuotaWindow.MONTH, "2026-11");

  /** A usage log and the ledger it settles on. */
  public record Fixture(UsageLog log, QuotaLedger ledger) {
    public Fixture {
      Objects.requireNonNull(log, "'log' must not be null");
      Objects.requireNonNull(ledger, "'ledger' must not be null");
    }
  }

  private UsageLog log;
  private QuotaLedger ledger;

  /** A new, empty usage log with the (new, empty) ledger its {@link UsageLog#record} settles on. */
  protected abstract Fixture newFixture();

  @BeforeEach
  final void createLog() {
    Fixture fixture = newFixture();
    log = fixture.log();
    ledger = fixture.ledger();
  }

  static UsageRecord full(String requestId, Instant at) {
    return new UsageRecord(at, requestId, "chat", "anna", "acme", "mg_live_ab12", "conv-7",
        "fast", "openrouter:meta-llama/llama-3.1-8b:free", "openrouter", "alias:fast>openrouter",
        new Usage(1_200, 350, 1_000, 120, new BigDecimal("0.00042")),
        new Pricing(new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"), null),
        new BigDecimal("0.000465"), Duration.ofMillis(1_834), Duration.ofMillis(212), UsageOutcome.SUCCESS, null);
  }

  static UsageRecord record(String requestId, Instant at, @Nullable String principal, @Nullable String org,
      @Nullable String conversation, @Nullable String model, @Nullable String provider, long prompt,
      long completion, String cost) {
    return new UsageRecord(at, requestId, "chat", principal, org, null, conversation, model, model, provider, "",
        new Usage(prompt, completion, prompt / 10, completion / 10, null), null, new BigDecimal(cost),
        Duration.ofMillis(100), null, UsageOutcome.SUCCESS, null);
  }

  @Test
  void emptyLogFindsNothingAndTotalsNothing() {
    assertThat(log.find(UsageQuery.ALL)).isEmpty();
    assertThat(log.totals(UsageQuery.ALL, UsageGroupBy.USER)).isEmpty();
  }

  @Test
  void recordComesBackWithEveryField() {
    UsageRecord r = full("req-1", T0);
    log.record(r, List.of());

    sameValue(log.find(UsageQuery.ALL).getFirst(), r);
  }

  @Test
  void recordWithOnlyRequiredFieldsKeepsItsNulls() {
    UsageRecord r = new UsageRecord(T0, "req-1", "embeddings", null, null, null, null, null, null, null, null,
        Usage.ZERO, null, BigDecimal.ZERO, Duration.ZERO, null, UsageOutcome.ERROR, "UpstreamTimeoutException");
    log.record(r, List.of());

    UsageRecord stored = log.find(UsageQuery.ALL).getFirst();
    sameValue(stored, r);
    assertThat(stored.route()).isEmpty();
    assertThat(stored.price()).isNull();
    assertThat(stored.timeToFirstToken()).isNull();
  }

  @Test
  void recordAppliesItsSettlements() {
    ledger.adjust(ANNA_TODAY, new QuotaAmount(1, 4_000, new BigDecimal("0.01")));

    log.record(full("req-1", T0), List.of(
        new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(0, -2_450, new BigDecimal("-0.009535"))),
        new QuotaAdjustment(ACME_MONTH, new QuotaAmount(1, 1_550, new BigDecimal("0.000465")))));

    assertThat(ledger.read(ANNA_TODAY).sameAs(new QuotaAmount(1, 1_550, new BigDecimal("0.000465")))).isTrue();
    assertThat(ledger.read(ACME_MONTH).sameAs(new QuotaAmount(1, 1_550, new BigDecimal("0.000465")))).isTrue();
    assertThat(log.find(UsageQuery.ALL)).hasSize(1);
  }

  @Test
  void recordAllKeepsEveryRecordAndAppliesEverySettlement() {
    ledger.adjust(ANNA_TODAY, new QuotaAmount(3, 3_000, new BigDecimal("0.03")));

    log.recordAll(List.of(
        new UsageLog.Entry(full("req-1", T0), List.of(
            new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(0, -900, new BigDecimal("-0.009"))),
            new QuotaAdjustment(ACME_MONTH, new QuotaAmount(1, 100, new BigDecimal("0.001"))))),
        new UsageLog.Entry(full("req-2", T0.plusMillis(1)), List.of()),
        new UsageLog.Entry(full("req-3", T0.plusMillis(2)), List.of(
            new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(0, -800, new BigDecimal("-0.008")))))));

    assertThat(ids(UsageQuery.ALL)).containsExactly("req-3", "req-2", "req-1");
    assertThat(ledger.read(ANNA_TODAY).sameAs(new QuotaAmount(3, 1_300, new BigDecimal("0.013")))).isTrue();
    assertThat(ledger.read(ACME_MONTH).sameAs(new QuotaAmount(1, 100, new BigDecimal("0.001")))).isTrue();
  }

  @Test
  void recordAllOfNothingChangesNothing() {
    log.recordAll(List.of());

    assertThat(log.find(UsageQuery.ALL)).isEmpty();
  }

  @Test
  void badSettlementsLeaveNeitherRecordNorCounters() {
    List<QuotaAdjustment> settlements =
        Arrays.asList(new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(1, 10, BigDecimal.ONE)), null);

    assertThatThrownBy(() -> log.record(full("req-1", T0), settlements)).isInstanceOf(NullPointerException.class);

    assertThat(log.find(UsageQuery.ALL)).isEmpty();
    assertThat(ledger.read(ANNA_TODAY).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThatThrownBy(() -> log.record(null, List.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> log.record(full("req-2", T0), null)).isInstanceOf(NullPointerException.class);
    assertThat(log.find(UsageQuery.ALL)).isEmpty();
  }

  @Test
  void findIsNewestFirstAndHonoursTheLimit() {
    for (int i = 0; i < 5; i++) {
      log.record(full("req-" + i, T0.plusSeconds(i)), List.of());
    }

    assertThat(log.find(UsageQuery.ALL)).extracting(UsageRecord::requestId)
        .containsExactly("req-4", "req-3", "req-2", "req-1", "req-0");
    assertThat(log.find(new UsageQuery(null, null, null, null, null, 2))).extracting(UsageRecord::requestId)
        .containsExactly("req-4", "req-3");
  }

  @Test
  void findFiltersByPrincipalOrgConversationAndHalfOpenRange() {
    log.record(record("a", T0, "anna", "acme", "c1", "openai:gpt-4o", "openai", 10, 5, "0.01"), List.of());
    log.record(record("b", T0.plusSeconds(60), "ben", "acme", "c2", "openai:gpt-4o", "openai", 10, 5, "0.01"),
        List.of());
    log.record(record("c", T0.plusSeconds(120), "anna", null, "c1", "openai:gpt-4o", "openai", 10, 5, "0.01"),
        List.of());

    assertThat(ids(new UsageQuery(null, null, "anna", null, null, 100))).containsExactly("c", "a");
    assertThat(ids(new UsageQuery(null, null, null, "acme", null, 100))).containsExactly("b", "a");
    assertThat(ids(new UsageQuery(null, null, null, null, "c1", 100))).containsExactly("c", "a");
    assertThat(ids(new UsageQuery(T0, T0.plusSeconds(120), null, null, null, 100))).containsExactly("b", "a");
    assertThat(ids(new UsageQuery(T0.plusMillis(1), null, null, null, null, 100))).containsExactly("c", "b");
    assertThat(ids(new UsageQuery(null, T0, null, null, null, 100))).isEmpty();
    assertThat(ids(new UsageQuery(T0, T0.plusSeconds(300), "anna", "acme", "c1", 100))).containsExactly("a");
  }

  @ParameterizedTest
  @EnumSource(UsageGroupBy.class)
  void totalsAgreeWithTheRecordsForEveryGrouping(UsageGroupBy groupBy) {
    List<UsageRecord> records = dataset();
    for (UsageRecord r : records) {
      log.record(r, List.of());
    }
    UsageQuery query = new UsageQuery(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3)), null, null, null,
        1);

    List<UsageTotal> totals = log.totals(query, groupBy);

    assertThat(totals).usingRecursiveFieldByFieldElementComparator(Compare.byValue())
        .containsExactlyElementsOf(expectedTotals(records, query, groupBy));
  }

  @Test
  void totalsHonourTheFiltersAndTheRange() {
    List<UsageRecord> records = dataset();
    for (UsageRecord r : records) {
      log.record(r, List.of());
    }
    UsageQuery query = new UsageQuery(T0, T0.plus(Duration.ofDays(1)), null, "acme", null, 10);

    assertThat(log.totals(query, UsageGroupBy.MODEL)).usingRecursiveFieldByFieldElementComparator(Compare.byValue())
        .containsExactlyElementsOf(expectedTotals(records, query, UsageGroupBy.MODEL));
    assertThat(log.totals(new UsageQuery(T0.minusSeconds(10), T0, null, null, null, 10), UsageGroupBy.USER))
        .isEmpty();
  }

  @Test
  void dayTotalsUseUtcDates() {
    Instant lateNight = Instant.parse("2026-11-23T23:59:59.999Z");
    log.record(record("a", lateNight, "anna", null, null, "m:x", "m", 1, 1, "0.1"), List.of());
    log.record(record("b", lateNight.plusMillis(1), "anna", null, null, "m:x", "m", 1, 1, "0.2"), List.of());

    assertThat(log.totals(UsageQuery.ALL, UsageGroupBy.DAY)).extracting(UsageTotal::key)
        .containsExactly("2026-11-23", "2026-11-24");
  }

  @Test
  void costTotalsAreExactDecimals() {
    for (int i = 0; i < 10; i++) {
      log.record(record("r" + i, T0.plusSeconds(i), "anna", null, null, "m:x", "m", 1, 1, "0.1"), List.of());
    }
    log.record(record("tiny", T0, "anna", null, null, "m:x", "m", 1, 1, "0.0000000001"), List.of());

    assertThat(log.totals(UsageQuery.ALL, UsageGroupBy.USER).getFirst().costUsd())
        .isEqualByComparingTo("1.0000000001");
  }

  @Test
  void concurrentRecordsAreAllKeptWithTheirSettlements() throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      String id = "req-" + i;
      calls.add(() -> {
        log.record(full(id, T0), List.of(new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(1, 0, BigDecimal.ZERO))));
        return null;
      });
    }
    Concurrently.call(8, calls);

    assertThat(log.find(UsageQuery.ALL)).hasSize(80);
    assertThat(ledger.read(ANNA_TODAY).requests()).isEqualTo(80);
  }

  private List<String> ids(UsageQuery query) {
    return log.find(query).stream().map(UsageRecord::requestId).toList();
  }

  private static List<UsageRecord> dataset() {
    Instant day2 = T0.plus(Duration.ofDays(1));
    return List.of(
        record("1", T0, "anna", "acme", "c1", "openai:gpt-4o", "openai", 100, 20, "0.0015"),
        record("2", T0.plusSeconds(30), "anna", "acme", "c1", "openai:gpt-4o", "openai", 300, 40, "0.0045"),
        record("3", T0.plusSeconds(60), "ben", "acme", "c2", "ollama-mac:llama3.1:8b", "ollama-mac", 50, 5, "0"),
        record("4", T0.plusSeconds(90), "cara", null, null, "openai:gpt-4o-mini", "openai", 10, 1, "0.00001"),
        record("5", day2, "anna", "acme", "c3", "ollama-mac:llama3.1:8b", "ollama-mac", 70, 7, "0"),
        record("6", day2.plusSeconds(1), null, null, null, null, null, 0, 0, "0"),
        record("7", T0.minus(Duration.ofDays(5)), "anna", "acme", "c1", "openai:gpt-4o", "openai", 1, 1, "9"));
  }

  private static List<UsageTotal> expectedTotals(List<UsageRecord> records, UsageQuery query, UsageGroupBy by) {
    Map<String, UsageTotal> totals = new TreeMap<>();
    for (UsageRecord r : records) {
      if (!query.matches(r)) {
        continue;
      }
      String key = by.keyOf(r); // the grouping rule is the domain's; what is checked is each store's sums
      UsageTotal one = new UsageTotal(key, 1, r.usage().promptTokens(), r.usage().completionTokens(),
          r.usage().cachedTokens(), r.usage().reasoningTokens(), r.costUsd());
      totals.merge(key, one, (a, b) -> new UsageTotal(key, a.requests() + b.requests(),
          a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(),
          a.cachedTokens() + b.cachedTokens(), a.reasoningTokens() + b.reasoningTokens(),
          a.costUsd().add(b.costUsd())));
    }
    return List.copyOf(totals.values());
  }
}
