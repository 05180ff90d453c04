package io.modelgate.core.memory;

import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaPolicy;
import io.modelgate.core.quota.QuotaSubject;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link QuotaPolicyStore} in a map. */
public final class InMemoryQuotaPolicyStore implements QuotaPolicyStore {
  private static final Comparator<QuotaPolicy> ORDER = Comparator
      .comparing((QuotaPolicy p) -> p.subject().kind()).thenComparing(p -> p.subject().id());

  private final ConcurrentMap<QuotaSubject, QuotaLimits> limits = new ConcurrentHashMap<>();

  @Override
  public Optional<QuotaLimits> get(QuotaSubject subject) {
    return Optional.ofNullable(limits.get(Objects.requireNonNull(subject, "'subject' must not be null")));
  }

  @Override
  public void set(QuotaSubject subject, QuotaLimits value) {
    Objects.requireNonNull(subject, "'subject' must not be null");
    Objects.requireNonNull(value, "'limits' must not be null");
    if (value.isEmpty()) {
      limits.remove(subject);
    } else {
      limits.put(subject, value);
    }
  }

  @Override
  public boolean delete(QuotaSubject subject) {
    return limits.remove(Objects.requireNonNull(subject, "'subject' must not be null")) != null;
  }

  @Override
  public List<QuotaPolicy> list() {
    return limits.entrySet().stream().map(e -> new QuotaPolicy(e.getKey(), e.getValue())).sorted(ORDER).toList();
  }
}
