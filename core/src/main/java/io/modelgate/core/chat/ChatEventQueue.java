package io.modelgate.core.chat;

import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamTimeoutException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatStream} fed by a producer on another thread: a provider's reader pushes events with {@link #emit},
 * the consumer pulls them with {@link #next}. The queue is bounded, so a slow consumer slows the producer rather
 * than filling memory. If the producer stops without a terminal event, {@link #finish()} turns that into a
 * {@link ChatEvent.Failed}; a consumer that waits longer than the idle timeout gets one too.
 *
 * <p>A wait of a quarter of a second or more (the wait for a call's first event, and a relay's wait for each next
 * event, which looks every 250 ms whether the service is stopping) sets no timer of its own: it is ended by the
 * producer's next event, or by {@link Deadlines}, which looks every {@value Deadlines#TICK_MILLIS} ms, so it may end
 * up to that much late. A timed park of a virtual thread schedules a timer task and cancels it when the event comes,
 * and each wakes the JDK's timer thread: on a gateway with one core, context switches on every call's way and on
 * every chunk of a stream.
 */
public final class ChatEventQueue implements ChatStream {
  private static final int CAPACITY = 256;
  /** Waits at least this long go to {@link Deadlines}; shorter ones are timed parks. */
  private static final long COARSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /**
   * Linked, not an array: most calls carry a few events (a whole answer, its usage, its end), and an array of
   * {@value #CAPACITY} slots made for each call was ~1.2 KB of its allocation.
   */
  private final BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>(CAPACITY);
  private final AtomicBoolean terminalEmitted = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Duration idleTimeout;
  private volatile @Nullable Runnable onClose;
  private boolean terminalTaken;
  private long lastTakenNanos = System.nanoTime();
  /** The consumer while it waits without a timer of its own, for the producer to wake. */
  private volatile @Nullable Thread waiter;

  public ChatEventQueue(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  public ChatEventQueue() {
    this(Duration.ofMinutes(10));
  }

  /**
   * Runs {@code action} once when the consumer closes the stream early, before the producer emitted its terminal
   * event (to cancel the upstream call). A stream closed after its end leaves the producer to finish reading, so
   * that its connection can serve the next call.
   */
  public void onClose(Runnable action) {
    this.onClose = action;
    if (closed.get() && !terminalEmitted.get()) {
      action.run();
    }
  }

  /**
   * Adds an event; returns false once the consumer has closed the stream or a terminal event was already emitted,
   * so the producer knows to stop.
   */
  public boolean emit(ChatEvent event) {
    if (closed.get() || terminalEmitted.get()) {
      return false;
    }
    if (event.terminal() && !terminalEmitted.compareAndSet(false, true)) {
      return false;
    }
    try {
      while (!closed.get()) {
        if (events.offer(event, 100, TimeUnit.MILLISECONDS)) {
          Thread consumer = waiter;
          if (consumer != null) {
            LockSupport.unpark(consumer);
          }
          return !event.terminal();
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Called by the producer when it is done: a stream with no terminal event so far ends as broken. */
  public void finish() {
    if (!terminalEmitted.get()) {
      emit(new ChatEvent.Failed(new StreamBrokenException("the stream ended before the model finished", null)));
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public ChatEvent next() {
    ChatEvent event;
    do {
      event = poll(idleTimeout);
    } while (event == null);
    return event;
  }

  /**
   * The next event, or null when none came within {@code timeout}; the idle timeout counts from the last event
   * taken, so polling in short steps still ends a stalled stream with a timeout failure.
   */
  @Override
  public @Nullable ChatEvent poll(Duration timeout) {
    if (terminalTaken) {
      throw new NoSuchElementException("the stream has already ended");
    }
    long idleLeft = lastTakenNanos + idleTimeout.toNanos() - System.nanoTime();
    try {
      long wait = Math.max(0, Math.min(timeout.toNanos(), idleLeft));
      ChatEvent event = wait >= COARSE_NANOS ? awaitCoarsely(wait) : events.poll(wait, TimeUnit.NANOSECONDS);
      if (event == null) {
        if (System.nanoTime() - lastTakenNanos < idleTimeout.toNanos()) {
          return null;
        }
        event = new ChatEvent.Failed(new UpstreamTimeoutException(
            "no event from the provider for " + idleTimeout.toSeconds() + " s", null));
        close();
      }
      lastTakenNanos = System.nanoTime();
      terminalTaken = event.terminal();
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      terminalTaken = true;
      return new ChatEvent.Failed(new StreamBrokenException("interrupted while waiting for the stream", e));
    }
  }

  /** The next event within {@code wait}, or null; waits without a timer of its own (see the class comment). */
  private @Nullable ChatEvent awaitCoarsely(long wait) throws InterruptedException {
    ChatEvent event = events.poll();
    if (event != null) {
      return event;
    }
    Thread me = Thread.currentThread();
    long deadline = System.nanoTime() + wait;
    waiter = me; // before looking again: an event emitted after that look wakes us
    Deadlines.Entry entry = Deadlines.INSTANCE.wake(me, deadline);
    try {
      while ((event = events.poll()) == null && System.nanoTime() - deadline < 0) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return event;
    } finally {
      waiter = null;
      entry.cancelled = true;
    }
  }

  /**
   * Wakes the consumers whose coarse waits have passed their deadline: one daemon thread that looks every
   * {@value #TICK_MILLIS} ms while waits are registered (and for a second after the last), and sleeps otherwise. One
   * per process, like the JDK's own timer thread that it stands in for.
   */
  private static final class Deadlines {
    static final long TICK_MILLIS = 100;
    static final Deadlines INSTANCE = new Deadlines();

    static final class Entry {
      final Thread thread;
      final long deadline;
      volatile boolean cancelled;

      Entry(Thread thread, long deadline) {
        this.thread = thread;
        this.deadline = deadline;
      }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final Thread ticker = Thread.ofPlatform().daemon().name("modelgate-chat-deadlines").unstarted(this::run);

    private Deadlines() {
      ticker.start();
    }

    Entry wake(Thread thread, long deadline) {
      Entry entry = new Entry(thread, deadline);
      entries.add(entry);
      if (sleeping.get() && sleeping.compareAndSet(true, false)) {
        LockSupport.unpark(ticker);
      }
      return entry;
    }

    private void run() {
      long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
      long lastBusy = System.nanoTime();
      while (true) {
        if (entries.isEmpty() && System.nanoTime() - lastBusy > TimeUnit.SECONDS.toNanos(1)) {
          sleeping.set(true);
          while (sleeping.get() && entries.isEmpty()) {
            LockSupport.park(this);
          }
          sleeping.set(false);
        } else {
          LockSupport.parkNanos(this, tick);
        }
        long now = System.nanoTime();
        for (var it = entries.iterator(); it.hasNext(); ) {
          Entry e = it.next();
          if (e.cancelled) {
            it.remove();
          } else if (now - e.deadline >= 0) {
            it.remove();
            LockSupport.unpark(e.thread);
          }
        }
        if (!entries.isEmpty()) {
          lastBusy = now;
        }
      }
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Runnable action = onClose;
      if (action != null && !terminalEmitted.get()) {
        action.run();
      }
      events.clear();
    }
  }
}
