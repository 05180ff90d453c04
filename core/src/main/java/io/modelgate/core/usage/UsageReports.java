package io.modelgate.core.usage;

import io.modelgate.core.port.UsageLog;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reports over the usage log, as values: totals by user, org, model, provider, day or conversation; one
 * conversation's models and cost; and the cost providers billed beside our estimate. Rendering them (CSV, JSON) is
 * the adapters' part. Costs are the ones recorded with each call, at the price then in force: cached input at its
 * own rate, reasoning tokens at the output rate (no catalog lists a separate reasoning rate). Thread-safe.
 */
public final class UsageReports {
  private final UsageLog log;

  @Inject
  public UsageReports(UsageLog log) {
    this.log = Objects.requireNonNull(log, "'log' must not be null");
  }

  /** Calls, tokens and cost per group over the query's range and filters; exact, whatever the query's limit. */
  public List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
    return log.totals(query, groupBy);
  }

  /** The conversation's usage over the query's range (its conversation filter is replaced). */
  public ConversationReport conversation(String conversationId, UsageQuery range) {
    UsageQuery query = new UsageQuery(range.from(), range.to(), range.principal(), range.orgId(), conversationId,
        range.limit());
    List<UsageTotal> byModel = log.totals(query, UsageGroupBy.MODEL);
    List<UsageRecord> calls = new ArrayList<>(log.find(query));
    calls.sort(Comparator.comparing(UsageRecord::at).thenComparing(UsageRecord::requestId));
    long requests = byModel.stream().mapToLong(UsageTotal::requests).sum();
    BigDecimal cost = byModel.stream().map(UsageTotal::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new ConversationReport(conversationId, byModel, requests, cost, calls, calls.size() == requests);
  }

  /**
   * Billed against estimated cost per group, over the records {@link UsageLog#find} returns for the query (up to
   * its limit: raise it for a long range; {@code complete} tells). Groups without any billed record are left out.
   */
  public List<BilledVsEstimated> billedVsEstimated(UsageQuery query, UsageGroupBy groupBy) {
    List<UsageRecord> records = log.find(query);
    boolean complete = records.size() < query.limit();
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    for (UsageRecord r : records) {
      String key = groupBy.keyOf(r);
      long[] c = counts.computeIfAbsent(key, k -> new long[2]);
      c[0]++;
      BigDecimal billed = r.usage().billedCostUsd();
      if (billed != null) {
        c[1]++;
        BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        s[0] = s[0].add(r.costUsd());
        s[1] = s[1].add(billed);
      }
    }
    List<BilledVsEstimated> report = new ArrayList<>();
    sums.forEach((key, s) -> report.add(new BilledVsEstimated(key, counts.get(key)[0], counts.get(key)[1], s[0],
        s[1], s[1].subtract(s[0]), complete)));
    return report;
  }
}
