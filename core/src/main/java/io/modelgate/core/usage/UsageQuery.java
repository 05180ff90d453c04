package io.modelgate.core.usage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Which usage records: a time range [from, to) and optional filters; null means no filter. */
public record UsageQuery(
    @Nullable Instant from, @Nullable Instant to, @Nullable String principal, @Nullable String orgId,
    @Nullable String conversationId, int limit) {
  public static final UsageQuery ALL = new UsageQuery(null, null, null, null, null, 10_000);

  public UsageQuery {
    if (limit <= 0) {
      throw new IllegalArgumentException("'limit' must be positive, was " + limit);
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("'to' must not be before 'from'");
    }
  }

  public boolean matches(UsageRecord r) {
    return (from == null || !r.at().isBefore(from))
        && (to == null || r.at().isBefore(to))
        && (principal == null || principal.equals(r.principal()))
        && (orgId == null || orgId.equals(r.orgId()))
        && (conversationId == null || conversationId.equals(r.conversationId()));
  }
}
