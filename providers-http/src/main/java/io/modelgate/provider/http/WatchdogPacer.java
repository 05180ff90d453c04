package io.modelgate.provider.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.AsyncTimeout;

/**
 * Keeps Okio's timeout watchdog from being woken by every upstream call. OkHttp enters a read or write timeout
 * (Okio's {@link AsyncTimeout}) around each socket read and write, and Okio wakes its watchdog thread whenever the
 * timeout it enters is the next one due; with one call in flight (a gateway at c=1) that is every call, a context
 * switch into the watchdog and back on the call's way. This timeout is entered once, is due every {@link #PERIOD}
 * and is entered again when it fires, so it stays the next one due: OkHttp's timeouts (seconds to minutes) queue
 * behind it without a wake, and the watchdog wakes once a {@link #PERIOD} instead. A timeout due sooner than this one
 * goes ahead of it and wakes the watchdog as before; every timeout still fires when it is due. Okio's watchdog and its
 * queue are one per process, so this is installed once per process (the only static state of this module).
 */
final class WatchdogPacer extends AsyncTimeout {
  static final Duration PERIOD = Duration.ofSeconds(1);
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private WatchdogPacer() {
    timeout(PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Enters the pacer into Okio's queue, once per process. */
  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      new WatchdogPacer().enter();
    }
  }

  /** Called by the watchdog when the period is up: due again a period from now. */
  @Override
  protected void timedOut() {
    exit();
    enter();
  }
}
