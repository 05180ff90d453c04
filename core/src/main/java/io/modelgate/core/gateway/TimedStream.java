package io.modelgate.core.gateway;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.error.UpstreamTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A provider's stream with the events already read from it put back in front, held to two timeouts: the longest
 * silence between two events, and the call's deadline. When either passes, the provider's stream is closed and this
 * one ends with a {@link ChatEvent.Failed} holding an {@link UpstreamTimeoutException}. With no provider stream,
 * just the events given.
 */
final class TimedStream implements ChatStream {
  private final Deque<ChatEvent> prefix;
  private final @Nullable ChatStream upstream;
  private final Duration idle;
  private final long deadlineNanos;
  private long lastEventNanos = System.nanoTime();
  private boolean ended;

  TimedStream(List<ChatEvent> prefix, @Nullable ChatStream upstream, Duration idle, long deadlineNanos) {
    this.prefix = new ArrayDeque<>(prefix);
    this.upstream = upstream;
    this.idle = idle;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public ChatEvent next() {
    while (true) {
      ChatEvent event = poll(Duration.ofDays(1));
      if (event != null) {
        return event;
      }
    }
  }

  @Override
  public @Nullable ChatEvent poll(Duration timeout) {
    if (ended) {
      throw new NoSuchElementException("the stream has already ended");
    }
    if (!prefix.isEmpty()) {
      return seen(prefix.removeFirst());
    }
    if (upstream == null) {
      ended = true;
      throw new NoSuchElementException("the stream has already ended");
    }
    long now = System.nanoTime();
    long idleLeft = lastEventNanos + idle.toNanos() - now;
    long deadlineLeft = deadlineNanos - now;
    if (idleLeft <= 0 || deadlineLeft <= 0) {
      return timedOut(deadlineLeft <= 0);
    }
    long wait = Math.min(timeout.toNanos(), Math.min(idleLeft, deadlineLeft));
    ChatEvent event = upstream.poll(Duration.ofNanos(Math.max(1, wait)));
    if (event != null) {
      return seen(event);
    }
    now = System.nanoTime();
    if (now - lastEventNanos >= idle.toNanos() || now >= deadlineNanos) {
      return timedOut(now >= deadlineNanos);
    }
    return null;
  }

  private ChatEvent seen(ChatEvent event) {
    lastEventNanos = System.nanoTime();
    if (event.terminal()) {
      ended = true;
    }
    return event;
  }

  private ChatEvent timedOut(boolean deadline) {
    ended = true;
    if (upstream != null) {
      upstream.close();
    }
    return new ChatEvent.Failed(new UpstreamTimeoutException(deadline
        ? "the call passed its deadline of the whole request"
        : "the provider sent nothing for " + idle.toSeconds() + " s", null));
  }

  @Override
  public void close() {
    if (upstream != null) {
      upstream.close();
    }
  }
}
