package io.modelgate.core.usage;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.Pricing;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call as the usage log keeps it: when, who, which model was asked and which served, the route taken, tokens,
 * the price then in force and the cost, latency and time to first token, and how it ended.
 */
public record UsageRecord(
    Instant at,
    String requestId,
    String operation,
    @Nullable String principal,
    @Nullable String orgId,
    @Nullable String gatewayKey,
    @Nullable String conversationId,
    @Nullable String requestedModel,
    @Nullable String servedModel,
    @Nullable String provider,
    String route,
    Usage usage,
    @Nullable Pricing price,
    BigDecimal costUsd,
    Duration latency,
    @Nullable Duration timeToFirstToken,
    UsageOutcome outcome,
    @Nullable String errorClass) {

  public UsageRecord {
    Objects.requireNonNull(at, "'at' must not be null");
    if (requestId == null || requestId.isBlank()) {
      throw new IllegalArgumentException("'requestId' must not be blank");
    }
    Objects.requireNonNull(operation, "'operation' must not be null");
    route = route == null ? "" : route;
    Objects.requireNonNull(usage, "'usage' must not be null");
    Objects.requireNonNull(costUsd, "'costUsd' must not be null");
    Objects.requireNonNull(latency, "'latency' must not be null");
    Objects.requireNonNull(outcome, "'outcome' must not be null");
  }
}
