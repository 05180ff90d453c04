package io.modelgate.core.memory;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link QuotaLedger} in memory: exact within one process, so only for a single replica. */
public final class InMemoryQuotaLedger implements QuotaLedger {
  private final ConcurrentMap<QuotaCounterKey, QuotaAmount> counters = new ConcurrentHashMap<>();

  @Override
  public boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(amount, "'amount' must not be null");
    Objects.requireNonNull(limit, "'limit' must not be null");
    boolean[] reserved = {false};
    counters.compute(key, (k, current) -> {
      QuotaAmount base = current == null ? QuotaAmount.ZERO : current;
      QuotaAmount next = base.plus(amount);
      if (limit.admits(next)) {
        reserved[0] = true;
        return next;
      }
      return current;
    });
    return reserved[0];
  }

  @Override
  public void adjust(QuotaCounterKey key, QuotaAmount delta) {
    counters.merge(Objects.requireNonNull(key, "'key' must not be null"),
        Objects.requireNonNull(delta, "'delta' must not be null"), QuotaAmount::plus);
  }

  @Override
  public QuotaAmount read(QuotaCounterKey key) {
    return counters.getOrDefault(key, QuotaAmount.ZERO);
  }
}
