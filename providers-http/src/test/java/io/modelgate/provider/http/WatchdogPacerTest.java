package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okio.AsyncTimeout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WatchdogPacerTest {
  @BeforeAll
  static void paced() {
    WatchdogPacer.install();
    WatchdogPacer.install(); // a second install changes nothing
  }

  /** How long after entering a timeout of {@code millis} it fired. */
  private static long firedAfterMillis(long millis) throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(1);
    AsyncTimeout timeout = new AsyncTimeout() {
      @Override
      protected void timedOut() {
        fired.countDown();
      }
    };
    timeout.timeout(millis, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    timeout.enter();
    assertThat(fired.await(millis + 5_000, TimeUnit.MILLISECONDS)).as("fired").isTrue();
    long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(timeout.exit()).as("timed out").isTrue();
    return after;
  }

  @Test
  void aTimeoutDueAfterThePacerStillFiresWhenDue() throws InterruptedException {
    long millis = WatchdogPacer.PERIOD.toMillis() * 3 / 2;
    assertThat(firedAfterMillis(millis)).isBetween(millis - 1, millis + 900);
  }

  @Test
  void aTimeoutDueBeforeThePacerGoesAheadOfIt() throws InterruptedException {
    assertThat(firedAfterMillis(100)).isBetween(99L, 600L);
  }

  @Test
  void thePacerKeepsFiringAndBeingEnteredAgain() throws InterruptedException {
    Thread.sleep(WatchdogPacer.PERIOD.toMillis() * 2 + 200);
    assertThat(firedAfterMillis(WatchdogPacer.PERIOD.toMillis() / 2)).isLessThan(WatchdogPacer.PERIOD.toMillis() + 900);
  }
}
