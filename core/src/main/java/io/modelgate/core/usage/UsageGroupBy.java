package io.modelgate.core.usage;

import java.time.ZoneOffset;
import java.util.Locale;

/** How usage totals are grouped. */
public enum UsageGroupBy {
  USER,
  ORG,
  MODEL,
  PROVIDER,
  DAY,
  CONVERSATION;

  /** The group {@code r} falls in; a record without the field groups under {@code ""} (none). */
  public String keyOf(UsageRecord r) {
    String key = switch (this) {
      case USER -> r.principal();
      case ORG -> r.orgId();
      case MODEL -> r.servedModel();
      case PROVIDER -> r.provider();
      case DAY -> r.at().atZone(ZoneOffset.UTC).toLocalDate().toString();
      case CONVERSATION -> r.conversationId();
    };
    return key == null ? "" : key;
  }

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
