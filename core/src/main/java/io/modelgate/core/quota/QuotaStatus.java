package io.modelgate.core.quota;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller's limits as they stand: for every limit set on its user, org or gateway key, how much is used and left
 * and when the window resets. What {@code x-ratelimit-*} headers are made from.
 */
public record QuotaStatus(List<Entry> entries) {
  public static final QuotaStatus NONE = new QuotaStatus(List.of());

  public QuotaStatus {
    entries = List.copyOf(Objects.requireNonNull(entries, "'entries' must not be null"));
  }

  /** One limit of one subject. {@code remaining} is never negative. */
  public record Entry(QuotaSubject subject, QuotaMeter meter, BigDecimal limit, BigDecimal used,
      BigDecimal remaining, Instant resetsAt) {
    public Entry {
      Objects.requireNonNull(subject, "'subject' must not be null");
      Objects.requireNonNull(meter, "'meter' must not be null");
      Objects.requireNonNull(limit, "'limit' must not be null");
      Objects.requireNonNull(used, "'used' must not be null");
      Objects.requireNonNull(remaining, "'remaining' must not be null");
      Objects.requireNonNull(resetsAt, "'resetsAt' must not be null");
      if (remaining.signum() < 0) {
        throw new IllegalArgumentException("'remaining' must not be negative, was " + remaining);
      }
    }
  }

  /** The entry of {@code meter} with the least left among the caller's subjects, if any subject sets it. */
  public Optional<Entry> tightest(QuotaMeter meter) {
    return entries.stream().filter(e -> e.meter() == meter)
        .min(Comparator.comparing(Entry::remaining).thenComparing(Entry::resetsAt));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
