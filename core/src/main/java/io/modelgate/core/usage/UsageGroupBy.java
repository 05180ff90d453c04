package io.modelgate.core.usage;

import java.util.Locale;

/** How usage totals are grouped. */
public enum UsageGroupBy {
  USER,
  ORG,
  MODEL,
  PROVIDER,
  DAY,
  CONVERSATION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UsageGroupBy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "unknown grouping '" + text + "'; expected user, org, model, provider, day or conversation", e);
    }
  }
}
