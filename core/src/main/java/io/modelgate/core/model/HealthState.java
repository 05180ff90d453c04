package io.modelgate.core.model;

import java.util.Locale;

/** How a provider or node is doing. */
public enum HealthState {
  HEALTHY,
  DEGRADED,
  DOWN,
  UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
