package io.modelgate.core.quota;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The span a counter covers, in UTC. */
public enum QuotaWindow {
  MINUTE(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC)),
  DAY(DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)),
  MONTH(DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC));

  private final DateTimeFormatter period;

  QuotaWindow(DateTimeFormatter period) {
    this.period = period;
  }

  /** The period {@code now} falls in: {@code 2026-11-23T01:18}, {@code 2026-11-23}, {@code 2026-11}. */
  public String periodOf(Instant now) {
    return period.format(now);
  }

  /** When the period holding {@code now} ends. */
  public Instant periodEnd(Instant now) {
    var utc = now.atZone(ZoneOffset.UTC);
    return switch (this) {
      case MINUTE -> utc.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
      case DAY -> utc.truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
      case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(1).toInstant();
    };
  }
}
