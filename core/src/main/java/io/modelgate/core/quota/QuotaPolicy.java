package io.modelgate.core.quota;

import java.util.Objects;

/** The limits set for one subject, as the policy store lists them. */
public record QuotaPolicy(QuotaSubject subject, QuotaLimits limits) {
  public QuotaPolicy {
    Objects.requireNonNull(subject, "'subject' must not be null");
    Objects.requireNonNull(limits, "'limits' must not be null");
  }
}
