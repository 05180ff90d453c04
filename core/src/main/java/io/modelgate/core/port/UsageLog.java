package io.modelgate.core.port;

import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.util.List;
import java.util.Objects;

/** One record per call: who, which model served, tokens, cost, latency, outcome. Thread-safe. */
public interface UsageLog {
  /** Appends {@code record} and applies the quota settlements together: both happen or neither does. */
  void record(UsageRecord record, List<QuotaAdjustment> settlements);

  /**
   * Records every entry as {@link #record} does. A store that can write many rows in one transaction overrides this
   * to commit them all together (group commit: all or none); the default records them one by one.
   */
  default void recordAll(List<Entry> entries) {
    for (Entry entry : entries) {
      record(entry.record(), entry.settlements());
    }
  }

  /** Records matching the query, newest first. */
  List<UsageRecord> find(UsageQuery query);

  /**
   * How many records were accepted and not yet written (a usage log that writes in batches, off the request path,
   * overrides this; the operators' gauge of its queue). Zero for a log that writes each record as it comes.
   */
  default int waiting() {
    return 0;
  }

  /** Totals over the query's range, grouped. */
  List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy);

  /** One call's record and the quota settlements that go with it. */
  record Entry(UsageRecord record, List<QuotaAdjustment> settlements) {
    public Entry {
      Objects.requireNonNull(record, "'record' must not be null");
      settlements = List.copyOf(Objects.requireNonNull(settlements, "'settlements' must not be null"));
    }
  }
}
