package io.modelgate.provider.http;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

/**
 * A connection pool whose clean-up (closing connections idle past the keep-alive, or beyond the most kept idle)
 * runs at most once per {@link #SWEEP} instead of after every call.
 *
 * <p>OkHttp's pool asks for its clean-up each time a connection is released, and the clean-up scans every pooled
 * connection, taking each one's lock, on a task-runner thread woken for it. With hundreds of connections in use
 * that was a scan, a thread wake-up and lock contention with the callers per call: the largest single share of the
 * gateway's CPU at c=256 (JFR: ~9% of samples in scheduling it, plus the scans). Here the pool gets a task runner of
 * its own (OkHttp 5 uses a pool's runner for nothing but its clean-up) whose coordinator is never woken early: a
 * release still moves the clean-up to now, which costs a short lock, and the coordinator runs it when its wait
 * ends, at most {@link #SWEEP} later. Idle connections are closed up to that much late; nothing else changes.
 *
 * <p>This uses OkHttp's internal task runner API (public in the bytecode, internal in Kotlin): an OkHttp upgrade
 * that changes it fails the build here, not at run time.
 */
final class IdlePool {
  /** The longest a due clean-up waits. */
  static final Duration SWEEP = Duration.ofSeconds(1);

  private IdlePool() {}

  /** A pool keeping at most {@code maxIdle} idle connections, each for at most {@code keepAlive}. */
  static ConnectionPool create(int maxIdle, Duration keepAlive) {
    TaskRunner runner = new TaskRunner(new SweepingBackend(), Logger.getLogger(TaskRunner.class.getName()));
    return new ConnectionPool(maxIdle, keepAlive.toNanos(), TimeUnit.NANOSECONDS, runner,
        ConnectionListener.Companion.getNONE());
  }

  /**
   * Runs the runner's tasks as OkHttp's own backend does (daemon threads, started on demand), except that a task
   * scheduled earlier does not wake the waiting coordinator: it waits out at most {@link #SWEEP}.
   */
  private static final class SweepingBackend implements TaskRunner.Backend {
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> Thread.ofPlatform().daemon().name("okhttp-pool-sweeper").unstarted(r));

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void coordinatorNotify(TaskRunner taskRunner) {
      // not woken: the coordinator looks again when its wait (at most SWEEP) ends
    }

    @Override
    @SuppressWarnings("WaitNotInLoop") // the task runner loops: it decides again after every wait
    public void coordinatorWait(TaskRunner taskRunner, long nanos) {
      long wait = Math.min(nanos, SWEEP.toNanos());
      if (wait <= 0) {
        return;
      }
      try {
        // The task runner calls this holding its own monitor, which waiting releases.
        taskRunner.wait(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        // As OkHttp's own backend ends up doing: the tasks are cancelled, so the thread finds none and ends.
        taskRunner.cancelAll();
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
      return queue;
    }

    @Override
    public void execute(TaskRunner taskRunner, Runnable runnable) {
      threads.execute(runnable);
    }
  }
}
