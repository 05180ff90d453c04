package io.modelgate.core.chat;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Tokens one call used. Cached tokens (read from the provider's prompt cache) and cache-write tokens (written to it,
 * where the provider says, as Anthropic does) are part of the prompt tokens; reasoning tokens are part of the
 * completion tokens. {@code billedCostUsd} is what the provider itself billed, where it says (OpenRouter does).
 */
public record Usage(
    long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens, long cacheWriteTokens,
    @Nullable BigDecimal billedCostUsd) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0, null);

  public Usage {
    if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0 || cacheWriteTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** Usage with no cache writes. */
  public Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
      @Nullable BigDecimal billedCostUsd) {
    this(promptTokens, completionTokens, cachedTokens, reasoningTokens, 0, billedCostUsd);
  }

  public static Usage of(long promptTokens, long completionTokens) {
    return new Usage(promptTokens, completionTokens, 0, 0, null);
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
