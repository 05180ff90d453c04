package io.modelgate.core.routing;

/**
 * A prompt's size in tokens: a bound known without tokenizing, and the count, made only when asked for (counting may
 * need a tokenizer's tables in memory). Thread-safe.
 */
public interface PromptSize {
  /** A bound that {@link #tokens()} never passes. */
  long atMost();

  /** The prompt's tokens as counted. */
  long tokens();

  /** A size already counted. */
  static PromptSize of(long tokens) {
    if (tokens < 0) {
      throw new IllegalArgumentException("'tokens' must not be negative, was " + tokens);
    }
    return new PromptSize() {
      @Override
      public long atMost() {
        return tokens;
      }

      @Override
      public long tokens() {
        return tokens;
      }
    };
  }
}
