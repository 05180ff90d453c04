package io.modelgate.core.port;

import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaPolicy;
import io.modelgate.core.quota.QuotaSubject;
import java.util.List;
import java.util.Optional;

/**
 * The limits set per user, org and gateway key. Reads see every write at once, across processes sharing the store.
 * Thread-safe.
 */
public interface QuotaPolicyStore {
  /** The limits set for {@code subject}; empty when none are. */
  Optional<QuotaLimits> get(QuotaSubject subject);

  /** Sets (replaces) the limits of {@code subject}; setting {@link QuotaLimits#NONE} deletes them. */
  void set(QuotaSubject subject, QuotaLimits limits);

  /** Removes the limits of {@code subject}; returns whether there were any. */
  boolean delete(QuotaSubject subject);

  /** Every subject with limits, ordered by kind then id. */
  List<QuotaPolicy> list();
}
