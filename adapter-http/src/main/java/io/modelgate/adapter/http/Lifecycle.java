package io.modelgate.adapter.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the running service is in its life: {@link Phase#SERVING}; {@link Phase#DRAINING} once told to stop (it is
 * no longer ready, and the requests it serves may finish); {@link Phase#ABORTING} when the drain time is up or a
 * second stop signal came (streams still running end with an error event). Counts the requests being served, so
 * the database is closed only after the last one has written its usage. Thread-safe.
 */
@Singleton
final class Lifecycle {
  enum Phase { SERVING, DRAINING, ABORTING }

  private volatile Phase phase = Phase.SERVING;
  private final AtomicInteger inFlight = new AtomicInteger();

  @Inject
  Lifecycle() {}

  Phase phase() {
    return phase;
  }

  boolean aborting() {
    return phase == Phase.ABORTING;
  }

  void drain() {
    if (phase == Phase.SERVING) {
      phase = Phase.DRAINING;
    }
  }

  void abort() {
    phase = Phase.ABORTING;
  }

  void enter() {
    inFlight.incrementAndGet();
  }

  void exit() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Waits until no request is being served, at most {@code timeout}; true when none is. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
