package io.modelgate.core.chat;

/**
 * A chat reply as it is produced. {@link #next()} blocks for the next event; the last event is always terminal
 * ({@link ChatEvent.Completed} or {@link ChatEvent.Failed}), and asking past it throws. {@link #close()} stops the
 * upstream call if it is still running. One consumer at a time; {@code close} may be called from any thread.
 */
public interface ChatStream extends AutoCloseable {
  ChatEvent next();

  @Override
  void close();
}
