package io.modelgate.core.quota;

import java.util.Locale;
import java.util.Objects;

/** Whose usage a counter counts: a user, an org, or a gateway key. */
public record QuotaSubject(Kind kind, String id) {
  public enum Kind {
    USER,
    ORG,
    KEY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("unknown quota subject '" + text + "'; expected user, org or key", e);
      }
    }
  }

  public QuotaSubject {
    Objects.requireNonNull(kind, "'kind' must not be null");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("'id' must not be blank");
    }
  }
}
