package io.modelgate.app.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.gateway.LimitingQuotaGuard;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaMeter;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.store.testkit.Concurrently;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas — each with its own Redis connection and its own {@link LimitingQuotaGuard} — sharing one Redis
 * for rpm and tpm and one database (in memory here) for everything else.
 */
class TwoReplicasTest {
  @RegisterExtension
  static final LocalRedis redis = new LocalRedis();

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final QuotaSubject ANNA = new QuotaSubject(QuotaSubject.Kind.USER, "anna");
  private static final CallerContext CALLER = new CallerContext("anna", "acme", "mg_live_ab12", "conv-1", false);
  private static final CatalogEntry MODEL = CatalogEntry.discovered("openai", ProviderKind.OPENAI,
      DiscoveredModel.of("gpt-4o-mini", ModelCategory.TEXT), ModelStatus.ENABLED, NOW);
  private static final QuotaCounterKey ANNA_THIS_MINUTE =
      new QuotaCounterKey(ANNA, QuotaWindow.MINUTE, QuotaWindow.MINUTE.periodOf(NOW));

  private final InMemoryQuotaLedger database = new InMemoryQuotaLedger();
  private final InMemoryQuotaPolicyStore policies = new InMemoryQuotaPolicyStore();
  private final List<Replica> replicas = new ArrayList<>();

  private record Replica(QuotaLedger ledger, UsageLog log, QuotaGuard guard) {}

  @BeforeEach
  void startTwoReplicas() {
    String prefix = redis.newPrefix();
    UsageLog databaseLog = new InMemoryUsageLog(database);
    for (int i = 0; i < 2; i++) {
      RedisQuota quota = redis.open(prefix);
      QuotaLedger ledger = quota.ledger(database);
      replicas.add(new Replica(ledger, quota.usageLog(databaseLog),
          new LimitingQuotaGuard(ledger, policies, InstantSource.fixed(NOW))));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anRpmLimitHoldsExactlyAcrossTwoReplicasUnderSixtyFourThreads() throws Exception {
    policies.set(ANNA, QuotaLimits.builder().rpm(100L).build());
    CountDownLatch ready = new CountDownLatch(64);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Replica replica = replicas.get(i % 2);
      calls.add(() -> {
        ready.countDown();
        ready.await();
        try {
          replica.guard().reserve(CALLER, MODEL, 50, BigDecimal.ZERO);
          return replicas.indexOf(replica);
        } catch (QuotaExceededException e) {
          assertThat(e.limit()).isEqualTo("rpm");
          return -1;
        }
      });
    }

    List<Integer> servedBy = Concurrently.call(64, calls);

    assertThat(servedBy.stream().filter(r -> r >= 0).count()).isEqualTo(100);
    assertThat(servedBy).contains(0, 1);
    for (Replica replica : replicas) {
      assertThat(replica.ledger().read(ANNA_THIS_MINUTE).requests()).isEqualTo(100);
      assertThat(replica.guard().status(CALLER).tightest(QuotaMeter.RPM))
          .hasValueSatisfying(e -> assertThat(e.remaining()).isEqualByComparingTo("0"));
    }
    assertThat(database.read(ANNA_THIS_MINUTE).sameAs(QuotaAmount.ZERO))
        .as("minute counters are not kept in the database").isTrue();
    assertThat(database.read(new QuotaCounterKey(ANNA, QuotaWindow.DAY, "2026-11-23")).requests())
        .as("no day limit: the day counter counts a call when it settles, with its record").isZero();
  }

  @Test
  void settlingOnOneReplicaFreesTokensPerMinuteOnTheOther() {
    policies.set(ANNA, QuotaLimits.builder().tpm(10_000L).build());

    for (int i = 0; i < 20; i++) {
      Replica replica = replicas.get(i % 2);
      QuotaGuard.Ticket ticket = replica.guard().reserve(CALLER, MODEL, 1_000, new BigDecimal("0.001"));
      Usage used = Usage.of(80, 20);
      replica.log().record(record(i), ticket.settle(used, new BigDecimal("0.0001")));
    }

    for (Replica replica : replicas) {
      QuotaAmount minute = replica.ledger().read(ANNA_THIS_MINUTE);
      assertThat(minute.requests()).isEqualTo(20);
      assertThat(minute.tokens()).isEqualTo(2_000);
      assertThat(minute.usd()).isEqualByComparingTo("0.002");
    }
    assertThat(database.read(ANNA_THIS_MINUTE).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThat(database.read(new QuotaCounterKey(ANNA, QuotaWindow.MONTH, "2026-11")).tokens()).isEqualTo(2_000);
  }

  private static UsageRecord record(int i) {
    return new UsageRecord(NOW, "req-" + i, "chat", "anna", "acme", "mg_live_ab12", "conv-1", "openai:gpt-4o-mini",
        "openai:gpt-4o-mini", "openai", "chosen: openai:gpt-4o-mini", Usage.of(80, 20), null,
        new BigDecimal("0.0001"), Duration.ofMillis(20), null, UsageOutcome.SUCCESS, null);
  }
}
