package io.modelgate.core.usage;

import java.util.Locale;

/** How a call ended. */
public enum UsageOutcome {
  SUCCESS,
  ERROR,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
