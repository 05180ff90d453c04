package io.modelgate.core.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One conversation's usage: which models served it and what each cost ({@code byModel}, exact over the whole
 * range), the totals, and its calls oldest first ({@code calls}, up to the query's limit; {@code complete} says
 * whether all are there).
 */
public record ConversationReport(String conversationId, List<UsageTotal> byModel, long requests,
    BigDecimal costUsd, List<UsageRecord> calls, boolean complete) {
  public ConversationReport {
    if (conversationId == null || conversationId.isBlank()) {
      throw new IllegalArgumentException("'conversationId' must not be blank");
    }
    byModel = List.copyOf(Objects.requireNonNull(byModel, "'byModel' must not be null"));
    Objects.requireNonNull(costUsd, "'costUsd' must not be null");
    calls = List.copyOf(Objects.requireNonNull(calls, "'calls' must not be null"));
  }
}
