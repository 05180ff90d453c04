package io.modelgate.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.persistence.CounterBatches.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CounterBatchesTest {
  private static final QuotaCounterKey ANNA =
      new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), QuotaWindow.DAY, "2026-11-30");
  private static final QuotaAmount ONE = new QuotaAmount(1, 0, BigDecimal.ZERO);

  @Test
  void callsQueuedWhileABatchIsAppliedGoTogetherInTheNextOneInTheirOrder() throws Exception {
    CountDownLatch firstApplying = new CountDownLatch(1);
    CountDownLatch letFirstFinish = new CountDownLatch(1);
    List<List<Op>> applied = Collections.synchronizedList(new ArrayList<>());
    CounterBatches batches = new CounterBatches((key, ops) -> {
      applied.add(List.copyOf(ops));
      if (applied.size() == 1) {
        firstApplying.countDown();
        await(letFirstFinish);
      }
      for (Op op : ops) {
        op.granted = true;
      }
    });
    Thread first = Thread.ofPlatform().start(() -> batches.run(Op.reserve(ANNA, ONE, QuotaLimit.UNLIMITED)));
    await(firstApplying);

    List<Thread> waiting = new ArrayList<>();
    List<Op> queued = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Op op = Op.reserve(ANNA, ONE, QuotaLimit.UNLIMITED);
      queued.add(op);
      waiting.add(startQueued(() -> batches.run(op)));
    }
    letFirstFinish.countDown();
    join(first, waiting);

    assertThat(applied).hasSize(2);
    assertThat(applied.get(0)).hasSize(1);
    assertThat(applied.get(1)).containsExactlyElementsOf(queued);
    assertThat(queued).allMatch(op -> op.granted);
  }

  @Test
  void eachCounterOfABatchIsAppliedOnItsOwnAndAFailureReachesOnlyItsCallers() throws Exception {
    QuotaCounterKey bert = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "bert"), QuotaWindow.DAY,
        "2026-11-30");
    List<QuotaCounterKey> appliedTo = Collections.synchronizedList(new ArrayList<>());
    CounterBatches batches = new CounterBatches((key, ops) -> {
      appliedTo.add(key);
      assertThat(ops).allMatch(op -> op.key.equals(key));
      if (key.equals(bert)) {
        throw new IllegalStateException("bert's row is gone");
      }
    });

    batches.run(Op.adjust(ANNA, ONE));
    assertThatThrownBy(() -> batches.run(Op.adjust(bert, ONE))).hasMessage("bert's row is gone");
    assertThat(batches.run(Op.read(ANNA)).value).isEqualTo(QuotaAmount.ZERO);

    assertThat(appliedTo).containsExactly(ANNA, bert, ANNA);
  }

  @Test
  void everyCallerOfAFailedBatchHearsOfTheFailure() throws Exception {
    CountDownLatch firstApplying = new CountDownLatch(1);
    CountDownLatch letFirstFinish = new CountDownLatch(1);
    AtomicReference<Integer> batchNumber = new AtomicReference<>(0);
    CounterBatches batches = new CounterBatches((key, ops) -> {
      if (batchNumber.getAndUpdate(n -> n + 1) == 0) {
        firstApplying.countDown();
        await(letFirstFinish);
        return;
      }
      throw new IllegalStateException("the database is down");
    });
    Thread first = Thread.ofPlatform().start(() -> batches.run(Op.adjust(ANNA, ONE)));
    await(firstApplying);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(startQueued(() -> {
        try {
          batches.run(Op.adjust(ANNA, ONE));
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }));
    }
    letFirstFinish.countDown();
    join(first, waiting);

    assertThat(batchNumber.get()).isEqualTo(2);
    assertThat(failures).hasSize(3).allMatch(e -> "the database is down".equals(e.getMessage()));
  }

  /** Starts a caller and returns once it waits: a caller queues its call before it waits, so the call is queued. */
  private static Thread startQueued(Runnable caller) {
    Thread t = Thread.ofPlatform().start(caller);
    while (t.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    return t;
  }

  private static void join(Thread first, List<Thread> others) throws InterruptedException {
    first.join();
    for (Thread t : others) {
      t.join();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
