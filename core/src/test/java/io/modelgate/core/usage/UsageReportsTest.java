package io.modelgate.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryUsageLog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageReportsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final InMemoryUsageLog log = new InMemoryUsageLog(new InMemoryQuotaLedger());
  private final UsageReports reports = new UsageReports(log);

  private static UsageRecord call(String id, int second, String conversation, String model, String cost,
      @Nullable String billed) {
    return new UsageRecord(T0.plusSeconds(second), id, "chat", "ann", "eng", null, conversation, model, model,
        model.substring(0, model.indexOf(':')), "", new Usage(100, 10, 0, 0, billed == null ? null
            : new BigDecimal(billed)), null, new BigDecimal(cost), Duration.ofMillis(5), null,
        UsageOutcome.SUCCESS, null);
  }

  @BeforeEach
  void setUp() {
    log.record(call("r1", 0, "c1", "openrouter:openai/gpt-4o", "0.0100", "0.0104"), List.of());
    log.record(call("r2", 1, "c1", "openai:gpt-4o-mini", "0.0020", null), List.of());
    log.record(call("r3", 2, "c1", "openrouter:openai/gpt-4o", "0.0300", "0.0290"), List.of());
    log.record(call("r4", 3, "c2", "openrouter:anthropic/claude", "0.5", "0.5"), List.of());
  }

  @Test
  void aConversationReportSaysWhichModelsItUsedAndWhatItCost() {
    ConversationReport report = reports.conversation("c1", UsageQuery.ALL);

    assertThat(report.byModel()).extracting(UsageTotal::key, UsageTotal::requests)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("openai:gpt-4o-mini", 1L),
            org.assertj.core.groups.Tuple.tuple("openrouter:openai/gpt-4o", 2L));
    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.costUsd()).isEqualByComparingTo("0.042");
    assertThat(report.calls()).extracting(UsageRecord::requestId).containsExactly("r1", "r2", "r3");
    assertThat(report.complete()).isTrue();
    assertThat(reports.conversation("c1", new UsageQuery(null, null, null, null, null, 2)).complete()).isFalse();
  }

  @Test
  void billedCostIsReportedBesideTheEstimateWithTheDifference() {
    List<BilledVsEstimated> byProvider = reports.billedVsEstimated(UsageQuery.ALL, UsageGroupBy.CONVERSATION);

    assertThat(byProvider).hasSize(2);
    assertThat(byProvider.getFirst()).satisfies(c1 -> {
      assertThat(c1.key()).isEqualTo("c1");
      assertThat(c1.requests()).isEqualTo(3);
      assertThat(c1.billedRequests()).isEqualTo(2);
      assertThat(c1.estimatedUsd()).isEqualByComparingTo("0.04");
      assertThat(c1.billedUsd()).isEqualByComparingTo("0.0394");
      assertThat(c1.differenceUsd()).isEqualByComparingTo("-0.0006");
      assertThat(c1.complete()).isTrue();
    });
    assertThat(byProvider.getLast().differenceUsd()).isEqualByComparingTo("0");
    assertThat(reports.billedVsEstimated(UsageQuery.ALL, UsageGroupBy.PROVIDER))
        .extracting(BilledVsEstimated::key).containsExactly("openrouter");
  }

  @Test
  void totalsAreTheLogsTotals() {
    assertThat(reports.totals(UsageQuery.ALL, UsageGroupBy.DAY)).singleElement()
        .satisfies(t -> assertThat(t.costUsd()).isEqualByComparingTo("0.542"));
  }
}
