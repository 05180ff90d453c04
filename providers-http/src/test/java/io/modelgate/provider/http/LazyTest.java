package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
  @Test
  void isMadeOnTheFirstUseOnlyAndOnceForManyThreads() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Lazy<Object> lazy = new Lazy<>(() -> {
      made.incrementAndGet();
      return new Object();
    });
    assertThat(made).hasValue(0);

    CountDownLatch start = new CountDownLatch(1);
    List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        seen.add(lazy.get());
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(made).hasValue(1);
    assertThat(seen).hasSize(16).allSatisfy(v -> assertThat(v).isSameAs(lazy.get()));
  }

  @Test
  void aValueMadeNullIsRefusedAndTriedAgainNextTime() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = new Lazy<>(() -> calls.incrementAndGet() == 1 ? null : "made");
    assertThatThrownBy(lazy::get).isInstanceOf(NullPointerException.class);
    assertThat(lazy.get()).isEqualTo("made");
    assertThat(Lazy.of("given").get()).isEqualTo("given");
  }
}
