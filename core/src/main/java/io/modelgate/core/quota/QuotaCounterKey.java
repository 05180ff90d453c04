package io.modelgate.core.quota;

import java.util.Objects;

/** One counter: a subject, a window, and the period of that window ({@code 2026-11}). */
public record QuotaCounterKey(QuotaSubject subject, QuotaWindow window, String period) {
  public QuotaCounterKey {
    Objects.requireNonNull(subject, "'subject' must not be null");
    Objects.requireNonNull(window, "'window' must not be null");
    if (period == null || period.isBlank()) {
      throw new IllegalArgumentException("'period' must not be blank");
    }
  }
}
