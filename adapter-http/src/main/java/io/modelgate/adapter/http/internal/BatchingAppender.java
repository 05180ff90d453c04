package io.modelgate.adapter.http.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Hands events to the appenders attached to it from a thread of its own, in batches: the first event after a quiet
 * spell wakes the writer, which then gathers for {@link #setIntervalMillis interval} and writes what came (sooner
 * once half the queue is full). The server's access log goes through it: logback's {@code AsyncAppender} wakes its
 * writer for every event, which on a gateway with one core is two context switches on every request's way (a
 * thread woken on the same core takes it from the request). Nothing is dropped: a full queue makes the caller wait
 * for room. What is still queued when the appender stops (logback's shutdown hook) is written then. Events are
 * prepared for deferred processing on the caller's thread (message, MDC, thread name), as logback's does.
 *
 * <p>An attached {@link OutputStreamAppender} that does not flush every event ({@code immediateFlush} false, over a
 * buffered stream) is flushed after each batch: a batch then leaves in one write, not a write system call a line.
 * The attached appenders are this appender's alone (only its writer thread appends to them), and it stops them when
 * it stops.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {
  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
  /** The writer is parked until an event comes: the next event must wake it. */
  private final AtomicBoolean idle = new AtomicBoolean();
  private int queueSize = 1024;
  private long intervalNanos = TimeUnit.MILLISECONDS.toNanos(25);
  private @Nullable ArrayBlockingQueue<ILoggingEvent> queue;
  private @Nullable Thread writer;

  public void setQueueSize(int size) {
    queueSize = size;
  }

  public void setIntervalMillis(int millis) {
    intervalNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    if (queueSize < 2) {
      addError("'queueSize' must be at least 2, was " + queueSize);
      return;
    }
    if (intervalNanos <= 0) {
      addError("'intervalMillis' must be positive");
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    super.start();
    writer = Thread.ofPlatform().daemon().name("modelgate-log-writer").start(this::writeInBatches);
  }

  @Override
  protected void append(ILoggingEvent event) {
    ArrayBlockingQueue<ILoggingEvent> q = queue;
    if (q == null) {
      return;
    }
    event.prepareForDeferredProcessing();
    if (!q.offer(event)) {
      LockSupport.unpark(writer);
      try {
        q.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        appenders.appendLoopOnAppenders(event); // not lost: written on this thread
        return;
      }
    }
    if (idle.get() && idle.compareAndSet(true, false) || q.size() >= queueSize / 2) {
      LockSupport.unpark(writer);
    }
  }

  private void writeInBatches() {
    ArrayBlockingQueue<ILoggingEvent> q = queue;
    List<ILoggingEvent> batch = new ArrayList<>();
    while (isStarted() && q != null) {
      if (q.isEmpty()) {
        idle.set(true);
        while (idle.get() && q.isEmpty() && isStarted()) {
          LockSupport.park(this);
        }
        idle.set(false);
        if (!isStarted()) {
          return; // stop() writes the rest
        }
      }
      // Gathers for the interval, or until the queue is half full (a caller waiting for room wakes us then).
      long until = System.nanoTime() + intervalNanos;
      for (long left = intervalNanos; left > 0 && q.size() < queueSize / 2 && isStarted();
          left = until - System.nanoTime()) {
        LockSupport.parkNanos(this, left);
      }
      write(q, batch);
    }
  }

  private void write(ArrayBlockingQueue<ILoggingEvent> q, List<ILoggingEvent> batch) {
    boolean wrote = false;
    while (q.drainTo(batch) > 0) {
      for (ILoggingEvent e : batch) {
        appenders.appendLoopOnAppenders(e);
      }
      batch.clear();
      wrote = true;
    }
    if (wrote) {
      flushBuffered();
    }
  }

  /** Flushes each attached appender that leaves flushing to its caller. */
  private void flushBuffered() {
    for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out && !out.isImmediateFlush()
          && out.isStarted() && out.getOutputStream() != null) {
        try {
          out.getOutputStream().flush();
        } catch (IOException e) {
          addError("could not flush the appender '" + out.getName() + "'", e);
        }
      }
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    Thread w = writer;
    if (w != null) {
      LockSupport.unpark(w);
      try {
        w.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ArrayBlockingQueue<ILoggingEvent> q = queue;
    if (q != null) {
      write(q, new ArrayList<>());
    }
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public @Nullable Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return appenders.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return appenders.detachAppender(name);
  }
}
