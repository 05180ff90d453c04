package io.modelgate.core.quota;

import java.util.Objects;

/** A change to one counter, applied with the usage record that caused it. */
public record QuotaAdjustment(QuotaCounterKey key, QuotaAmount delta) {
  public QuotaAdjustment {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(delta, "'delta' must not be null");
  }
}
