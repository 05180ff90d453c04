package io.modelgate.core.account;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One admin or key action: who did what to which thing, with the state before and after as JSON text (never a
 * key's value).
 */
public record AuditEvent(
    Instant at, String actor, String action, String target, @Nullable String before, @Nullable String after) {
  public AuditEvent {
    Objects.requireNonNull(at, "'at' must not be null");
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("'actor' must not be blank");
    }
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("'action' must not be blank");
    }
    target = target == null ? "" : io.modelgate.core.error.Redaction.redactValues(target);
    before = before == null ? null : io.modelgate.core.error.Redaction.redactValues(before);
    after = after == null ? null : io.modelgate.core.error.Redaction.redactValues(after);
  }

  /** {@code s} as a JSON string literal for {@link #before} and {@link #after} ({@code null} for null). */
  public static String jsonString(@Nullable String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
