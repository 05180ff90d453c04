package io.modelgate.core.memory;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A {@link UsageLog} in a list, settling quotas on the given in-memory ledger under the same lock. */
public final class InMemoryUsageLog implements UsageLog {
  private final List<UsageRecord> records = new ArrayList<>();
  private final QuotaLedger ledger;

  public InMemoryUsageLog(QuotaLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "'ledger' must not be null");
  }

  @Override
  public synchronized void record(UsageRecord record, List<QuotaAdjustment> settlements) {
    Objects.requireNonNull(record, "'record' must not be null");
    List<QuotaAdjustment> checked = List.copyOf(Objects.requireNonNull(settlements, "'settlements' must not be null"));
    records.add(record);
    for (QuotaAdjustment adjustment : checked) {
      ledger.adjust(adjustment.key(), adjustment.delta());
    }
  }

  @Override
  public synchronized void recordAll(List<Entry> entries) {
    for (Entry entry : List.copyOf(entries)) {
      record(entry.record(), entry.settlements());
    }
  }

  @Override
  public synchronized List<UsageRecord> find(UsageQuery query) {
    return records.stream().filter(query::matches)
        .sorted(Comparator.comparing(UsageRecord::at).reversed())
        .limit(query.limit()).toList();
  }

  @Override
  public synchronized List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> costs = new TreeMap<>();
    for (UsageRecord r : records) {
      if (!query.matches(r)) {
        continue;
      }
      String key = groupKey(r, groupBy);
      long[] c = counts.computeIfAbsent(key, k -> new long[5]);
      c[0]++;
      c[1] += r.usage().promptTokens();
      c[2] += r.usage().completionTokens();
      c[3] += r.usage().cachedTokens();
      c[4] += r.usage().reasoningTokens();
      costs.merge(key, r.costUsd(), BigDecimal::add);
    }
    List<UsageTotal> totals = new ArrayList<>();
    counts.forEach((key, c) -> totals.add(new UsageTotal(key, c[0], c[1], c[2], c[3], c[4], costs.get(key))));
    return totals;
  }

  /** The group a record falls in; records without the field group under "" (none). */
  public static String groupKey(UsageRecord r, UsageGroupBy groupBy) {
    return groupBy.keyOf(r);
  }
}
