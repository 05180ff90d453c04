package io.modelgate.core.routing;

import java.util.Locale;

/** How calls spread over the nodes that serve one model. */
public enum BalanceStrategy {
  /** Each node in turn. */
  ROUND_ROBIN,
  /** The node with fewer calls under way, of two picked at random (power of two choices). */
  LEAST_BUSY,
  /** The node answering fastest: the lower moving average of time to first token, weighed by calls under way. */
  LATENCY,
  /** At random, in proportion to each node's {@code weight} option (1 unless set). */
  WEIGHTED,
  /** Always the first node that can serve; the others only when it fails. */
  ORDERED;

  public static final BalanceStrategy DEFAULT = LEAST_BUSY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static BalanceStrategy parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown balancing strategy '" + text
          + "'; expected one of round-robin, least-busy, latency, weighted, ordered", e);
    }
  }
}
