package io.modelgate.core.chat;

import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamTimeoutException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatStream} fed by a producer on another thread: a provider's reader pushes events with {@link #emit},
 * the consumer pulls them with {@link #next}. The queue is bounded, so a slow consumer slows the producer rather
 * than filling memory. If the producer stops without a terminal event, {@link #finish()} turns that into a
 * {@link ChatEvent.Failed}; a consumer that waits longer than the idle timeout gets one too.
 */
public final class ChatEventQueue implements ChatStream {
  private static final int CAPACITY = 256;

  private final BlockingQueue<ChatEvent> events = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicBoolean terminalEmitted = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Duration idleTimeout;
  private volatile @Nullable Runnable onClose;
  private boolean terminalTaken;
  private long lastTakenNanos = System.nanoTime();

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
      ChatEvent event = events.poll(Math.max(0, Math.min(timeout.toNanos(), idleLeft)), TimeUnit.NANOSECONDS);
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
