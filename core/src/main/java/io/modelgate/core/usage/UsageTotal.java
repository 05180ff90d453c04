package io.modelgate.core.usage;

import java.math.BigDecimal;

/** Totals for one group: calls, tokens and cost. {@code key} is the user, org, model, provider or day. */
public record UsageTotal(
    String key, long requests, long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
    BigDecimal costUsd) {}
