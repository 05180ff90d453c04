package io.modelgate.core.chat;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How hard a model should think before it answers, as the client asked: an effort (OpenAI's
 * {@code reasoning_effort}, the Responses API's {@code reasoning.effort}), a token budget (Anthropic's
 * {@code thinking.budget_tokens}, Gemini's {@code thinkingBudget}), or both. Each protocol sends what it speaks:
 * an effort asked as a budget, and a budget asked as an effort, follow the one table here, so every provider reads
 * a request the same way.
 *
 * @param effort the effort; derived from the budget when the client gave only a budget
 * @param budgetTokens the thinking budget in tokens, or null when the client gave only an effort
 */
public record Reasoning(Effort effort, @Nullable Integer budgetTokens) {
  /** Reasoning effort, from least to most. */
  public enum Effort {
    MINIMAL(512), LOW(1024), MEDIUM(4096), HIGH(16384);

    private final int budget;

    Effort(int budget) {
      this.budget = budget;
    }

    /** The name on the wire: {@code low}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code minimal}, {@code low}, {@code medium} or {@code high}, in any case. */
    public static Effort parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown reasoning effort '" + text + "'; expected minimal, low, medium or high", e);
      }
    }
  }

  public Reasoning {
    Objects.requireNonNull(effort, "'effort' must not be null");
    if (budgetTokens != null && budgetTokens < 1) {
      throw new IllegalArgumentException("'budgetTokens' must be positive, was " + budgetTokens);
    }
  }

  /** An effort alone. */
  public static Reasoning of(Effort effort) {
    return new Reasoning(effort, null);
  }

  /** A budget alone; its effort is the highest whose budget it reaches (under 1024 tokens: minimal). */
  public static Reasoning ofBudget(int budgetTokens) {
    Effort effort = Effort.MINIMAL;
    for (Effort e : Effort.values()) {
      if (budgetTokens >= e.budget) {
        effort = e;
      }
    }
    return new Reasoning(effort, budgetTokens);
  }

  /** The budget to send: the one asked, else the effort's (512, 1024, 4096, 16384 tokens). */
  public int budget() {
    return budgetTokens != null ? budgetTokens : effort.budget;
  }
}
