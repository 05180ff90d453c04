package io.modelgate.core.quota;

import io.modelgate.core.model.CallerContext;
import java.util.Locale;
import java.util.Objects;

/** Whose usage a counter counts: a user, an org, or a gateway key. */
public record QuotaSubject(Kind kind, String id) {
  public enum Kind {
    USER,
    ORG,
    KEY,
    /** A provider instance's outbound counters (its rate limits); not a caller, so never parsed from input. */
    PROVIDER;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      try {
        Kind kind = valueOf(text.trim().toUpperCase(Locale.ROOT));
        if (kind == PROVIDER) {
          throw new IllegalArgumentException("not a caller");
        }
        return kind;
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("unknown quota subject '" + text + "'; expected user, org or key", e);
      }
    }
  }

  /** A caller that counts against this subject alone, to read where it stands. */
  public CallerContext caller() {
    return switch (kind) {
      case USER -> new CallerContext(id, null, null, null, false);
      case ORG -> new CallerContext(null, id, null, null, false);
      case KEY -> new CallerContext(null, null, id, null, false);
      case PROVIDER -> throw new IllegalStateException("a provider is not a caller");
    };
  }

  public QuotaSubject {
    Objects.requireNonNull(kind, "'kind' must not be null");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("'id' must not be blank");
    }
  }
}
