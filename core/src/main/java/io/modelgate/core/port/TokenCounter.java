package io.modelgate.core.port;

import io.modelgate.core.model.ModelId;

/**
 * Counts the tokens a text takes for a model, to size quota reservations before a provider says. Thread-safe.
 * {@link #ESTIMATE} needs no tokenizer; the application binds a real one.
 */
public interface TokenCounter {
  /** The tokens {@code text} takes for {@code model}; an over-estimate is better than an under-estimate. */
  long count(ModelId model, String text);

  /**
   * A bound that {@link #count} never passes for {@code text}, found without tokenizing (a count may need a
   * tokenizer's tables in memory): a call whose prompt fits a limit by this bound is not counted for it. By
   * default the count itself.
   */
  default long atMost(ModelId model, String text) {
    return count(model, text);
  }

  /** A rough count: one token per four characters, at least one per word. */
  TokenCounter ESTIMATE = (model, text) -> {
    if (text.isEmpty()) {
      return 0;
    }
    String trimmed = text.trim();
    long words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    return Math.max(words, (text.length() + 3) / 4);
  };
}
