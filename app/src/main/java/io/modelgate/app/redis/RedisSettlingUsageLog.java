package io.modelgate.app.redis;

import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database usage log, with the settlements of minute counters applied in Redis. The record and the day and
 * month settlements commit together in the database, as {@link UsageLog#record} promises; the minute settlements
 * follow once that transaction has committed. Between the two lies a small gap: if the process dies there, or Redis
 * fails, a minute counter keeps its reservation (or misses an overrun) until its minute ends and the key expires —
 * at most a minute of rpm/tpm slightly off, never a record or a budget. That is the price of keeping the per-call
 * counters off the database, and a minute window heals itself. Thread-safe.
 */
final class RedisSettlingUsageLog implements UsageLog {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSettlingUsageLog.class);

  private final RedisCounters minutes;
  private final UsageLog database;

  RedisSettlingUsageLog(RedisCounters minutes, UsageLog database) {
    this.minutes = Objects.requireNonNull(minutes, "'minutes' must not be null");
    this.database = Objects.requireNonNull(database, "'database' must not be null");
  }

  @Override
  public void record(UsageRecord record, List<QuotaAdjustment> settlements) {
    recordAll(List.of(new Entry(record, settlements)));
  }

  @Override
  public void recordAll(List<Entry> entries) {
    List<Entry> inDatabase = new ArrayList<>(entries.size());
    List<Entry> inRedis = new ArrayList<>();
    for (Entry entry : entries) {
      List<QuotaAdjustment> toDatabase = new ArrayList<>(entry.settlements().size());
      for (QuotaAdjustment adjustment : entry.settlements()) {
        if (RedisQuotaLedger.inRedis(adjustment.key())) {
          inRedis.add(new Entry(entry.record(), List.of(adjustment)));
        } else {
          toDatabase.add(adjustment);
        }
      }
      inDatabase.add(new Entry(entry.record(), toDatabase));
    }
    database.recordAll(inDatabase);
    for (Entry settled : inRedis) {
      QuotaAdjustment adjustment = settled.settlements().getFirst();
      try {
        minutes.adjust(adjustment.key(), adjustment.delta());
      } catch (RuntimeException e) {
        // The record is committed: failing the call now would report it lost. The counter heals at expiry.
        LOG.warn("usage of request {} recorded, but its minute counter {} was not settled in Redis: {}",
            settled.record().requestId(), minutes.redisKey(adjustment.key()), e.toString());
      }
    }
  }

  @Override
  public List<UsageRecord> find(UsageQuery query) {
    return database.find(query);
  }

  @Override
  public List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
    return database.totals(query, groupBy);
  }
}
