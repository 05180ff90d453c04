package io.modelgate.core.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * For one group, what providers billed (OpenRouter's {@code usage.cost}) beside what we estimated at the catalog
 * price, over the records that carry a billed cost. {@code difference} is billed − estimated: positive when the
 * provider charged more than we counted. {@code complete} is false when the report stopped at the query's limit.
 */
public record BilledVsEstimated(String key, long requests, long billedRequests, BigDecimal estimatedUsd,
    BigDecimal billedUsd, BigDecimal differenceUsd, boolean complete) {
  public BilledVsEstimated {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(estimatedUsd, "'estimatedUsd' must not be null");
    Objects.requireNonNull(billedUsd, "'billedUsd' must not be null");
    Objects.requireNonNull(differenceUsd, "'differenceUsd' must not be null");
    if (billedRequests < 0 || billedRequests > requests) {
      throw new IllegalArgumentException("'billedRequests' must be between 0 and " + requests + ", was "
          + billedRequests);
    }
  }
}
