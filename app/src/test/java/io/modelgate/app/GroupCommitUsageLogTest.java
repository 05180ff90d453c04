package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GroupCommitUsageLogTest {
  private static final QuotaCounterKey ANNA_TODAY =
      new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), QuotaWindow.DAY, "2026-11-30");

  /** The in-memory log, counting the batches it is given, failing while {@link #down} or for one request id. */
  private static final class Store implements UsageLog {
    final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    final InMemoryUsageLog log = new InMemoryUsageLog(ledger);
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    volatile String refused = "";

    @Override
    public void record(UsageRecord record, List<QuotaAdjustment> settlements) {
      recordAll(List.of(new Entry(record, settlements)));
    }

    @Override
    public void recordAll(List<Entry> entries) {
      if (down.get()) {
        throw new IllegalStateException("database unavailable");
      }
      if (entries.stream().anyMatch(e -> e.record().requestId().equals(refused))) {
        throw new IllegalStateException("value too long");
      }
      batches.add(entries.size());
      log.recordAll(entries);
    }

    @Override
    public List<UsageRecord> find(UsageQuery query) {
      return log.find(query);
    }

    @Override
    public List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
      return log.totals(query, groupBy);
    }

    int written() {
      return log.find(UsageQuery.ALL).size();
    }
  }

  private static UsageRecord record(String id) {
    return new UsageRecord(Instant.parse("2026-11-30T10:00:00Z"), id, "chat", "anna", null, null, null, "m", "p:m",
        "p", "named", Usage.of(10, 5), null, BigDecimal.ZERO, Duration.ofMillis(3), null, UsageOutcome.SUCCESS, null);
  }

  private static List<QuotaAdjustment> oneRequest() {
    return List.of(new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(1, 15, BigDecimal.ZERO)));
  }

  @Test
  void concurrentCallsAreCommittedTogetherInFewBatchesWithTheirSettlements() throws Exception {
    Store store = new Store();
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofMillis(50));
        ExecutorService callers = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 2_000; i++) {
        String id = "req-" + i;
        callers.submit(() -> log.record(record(id), oneRequest()));
      }
      callers.shutdown();
      assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (store.written() < 2_000 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      assertThat(store.written()).as("written by the writer, no read asked for it").isEqualTo(2_000);
      assertThat(store.ledger.read(ANNA_TODAY).requests()).isEqualTo(2_000);
      assertThat(store.batches).as("batches").hasSizeLessThan(200).allMatch(n -> n <= 1_000);
    }
  }

  @Test
  void aRecordWaitsAtMostAboutOneInterval() throws Exception {
    Store store = new Store();
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofMillis(50))) {
      log.record(record("req-1"), List.of());
      assertThat(store.written()).as("not written on the caller's thread").isZero();
      long start = System.nanoTime();
      while (store.written() == 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
        Thread.sleep(1);
      }
      assertThat(store.written()).isEqualTo(1);
    }
  }

  @Test
  void readsSeeEveryCallAlreadyRecorded() {
    Store store = new Store();
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofHours(1))) {
      log.record(record("req-1"), oneRequest());
      log.record(record("req-2"), oneRequest());

      assertThat(log.find(UsageQuery.ALL)).extracting(UsageRecord::requestId)
          .containsExactlyInAnyOrder("req-1", "req-2");
      log.record(record("req-3"), oneRequest());
      assertThat(log.totals(UsageQuery.ALL, UsageGroupBy.USER).getFirst().requests()).isEqualTo(3);
    }
  }

  @Test
  void closeWritesEverythingStillQueued() {
    Store store = new Store();
    GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofHours(1));
    for (int i = 0; i < 2_500; i++) {
      log.record(record("req-" + i), oneRequest());
    }
    assertThat(store.written()).as("the last partial batch waits for its interval").isLessThan(2_500);
    assertThat(store.batches).as("early batches are full ones").allMatch(n -> n == 1_000);

    log.close();

    assertThat(store.written()).isEqualTo(2_500);
    assertThat(store.ledger.read(ANNA_TODAY).requests()).isEqualTo(2_500);
    log.record(record("late"), List.of());
    assertThat(store.written()).as("a record after close is written at once").isEqualTo(2_501);
  }

  @Test
  void whileTheStoreIsDownRecordsWaitAndAreWrittenOnceItIsBack() throws Exception {
    Store store = new Store();
    store.down.set(true);
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofMillis(20))) {
      for (int i = 0; i < 50; i++) {
        log.record(record("req-" + i), oneRequest());
      }
      Thread.sleep(200);
      assertThat(store.written()).isZero();
      assertThat(log.waiting()).isEqualTo(50);

      store.down.set(false);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (store.written() < 50 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(store.written()).isEqualTo(50);
      assertThat(store.ledger.read(ANNA_TODAY).requests()).isEqualTo(50);
    }
  }

  @Test
  void aRecordTheStoreRefusesOnItsOwnIsDroppedAndTheOthersAreWritten() {
    Store store = new Store();
    store.refused = "req-7";
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofHours(1))) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        log.record(record("req-" + i), oneRequest());
        if (i != 7) {
          expected.add("req-" + i);
        }
      }

      assertThat(log.find(UsageQuery.ALL)).extracting(UsageRecord::requestId)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(store.ledger.read(ANNA_TODAY).requests()).isEqualTo(9);
    }
  }

  @Test
  void aLimitSetOnASubjectMeetsItsCallsStillQueued() {
    Store store = new Store();
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofHours(1))) {
      QueueSettlingLedger ledger = new QueueSettlingLedger(store.ledger, log);
      for (int i = 0; i < 6; i++) {
        log.record(record("req-" + i), oneRequest());
      }
      assertThat(log.settling(ANNA_TODAY)).isTrue();
      assertThat(store.ledger.read(ANNA_TODAY).requests()).as("still queued").isZero();

      QuotaAmount oneMore = new QuotaAmount(1, 0, BigDecimal.ZERO);
      assertThat(ledger.tryReserve(ANNA_TODAY, oneMore, new QuotaLimit(6L, null, null)))
          .as("the seventh call of the day, with a limit of six set just now").isFalse();
      assertThat(log.settling(ANNA_TODAY)).isFalse();
      assertThat(ledger.read(ANNA_TODAY).requests()).isEqualTo(6);
      assertThat(ledger.tryReserve(ANNA_TODAY, oneMore, new QuotaLimit(7L, null, null))).isTrue();
    }
  }

  @Test
  void aReservationWaitsForNoQueuedSettlementOfWhatItsLimitDoesNotBound() {
    Store store = new Store();
    try (GroupCommitUsageLog log = new GroupCommitUsageLog(store, Duration.ofHours(1))) {
      QueueSettlingLedger ledger = new QueueSettlingLedger(store.ledger, log);
      QuotaAmount reserved = new QuotaAmount(1, 4_096, BigDecimal.ZERO);
      assertThat(ledger.tryReserve(ANNA_TODAY, reserved, new QuotaLimit(2L, null, null))).isTrue();
      // The call used 15 tokens of the 4,096 it reserved: the change is in tokens only, queued with its record.
      log.record(record("req-1"), List.of(new QuotaAdjustment(ANNA_TODAY, new QuotaAmount(0, 15 - 4_096,
          BigDecimal.ZERO))));

      assertThat(ledger.tryReserve(ANNA_TODAY, reserved, new QuotaLimit(2L, null, null)))
          .as("a second request of two").isTrue();
      assertThat(log.settling(ANNA_TODAY)).as("a requests limit does not wait for a tokens settlement").isTrue();
      assertThat(ledger.tryReserve(ANNA_TODAY, reserved, new QuotaLimit(2L, null, null)))
          .as("a third request of two").isFalse();
      assertThat(store.ledger.read(ANNA_TODAY).tokens()).as("the worst case, until the record commits")
          .isEqualTo(2 * 4_096);

      assertThat(ledger.tryReserve(ANNA_TODAY, new QuotaAmount(1, 100, BigDecimal.ZERO),
          new QuotaLimit(null, 4_300L, null))).as("a tokens limit meets the settlement first").isTrue();
      assertThat(log.settling(ANNA_TODAY)).isFalse();
      assertThat(ledger.read(ANNA_TODAY).sameAs(new QuotaAmount(3, 15 + 4_096 + 100, BigDecimal.ZERO))).isTrue();
    }
  }
}
