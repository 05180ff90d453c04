package io.modelgate.core.chat;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A chat reply as it is produced. {@link #next()} blocks for the next event; the last event is always terminal
 * ({@link ChatEvent.Completed} or {@link ChatEvent.Failed}), and asking past it throws. {@link #close()} stops the
 * upstream call if it is still running. One consumer at a time; {@code close} may be called from any thread.
 */
public interface ChatStream extends AutoCloseable {
  ChatEvent next();

  /**
   * Like {@link #next()}, but gives up after {@code timeout} and returns null when no event came by then, so a
   * caller can do something else meanwhile (send a keep-alive). The default waits as {@code next()} does.
   */
  default @Nullable ChatEvent poll(Duration timeout) {
    return next();
  }

  @Override
  void close();
}
