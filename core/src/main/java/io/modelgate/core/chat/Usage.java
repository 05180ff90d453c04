package io.modelgate.core.chat;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Tokens one call used. Cached tokens are part of the prompt tokens; reasoning tokens are part of the completion
 * tokens. {@code billedCostUsd} is what the provider itself billed, where it says (OpenRouter does).
 */
public record Usage(
    long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
    @Nullable BigDecimal billedCostUsd) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0, null);

  public Usage {
    if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  public static Usage of(long promptTokens, long completionTokens) {
    return new Usage(promptTokens, completionTokens, 0, 0, null);
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
