package io.modelgate.core.catalog;

import io.modelgate.core.model.ModelId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A model id that moved: requests for {@code from} go to {@code to} when {@code automatic}; either way stored
 * defaults, preferences, pins and aliases that name {@code from} are rewritten.
 */
public record ModelMigration(ModelId from, ModelId to, Reason reason, boolean automatic, Instant createdAt) {
  public enum Reason {
    RENAMED,
    MOVED,
    DEPRECATED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Reason parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown migration reason '" + text + "'; expected one of renamed, moved, deprecated", e);
      }
    }
  }

  public ModelMigration {
    Objects.requireNonNull(from, "'from' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    Objects.requireNonNull(reason, "'reason' must not be null");
    Objects.requireNonNull(createdAt, "'createdAt' must not be null");
    if (from.equals(to)) {
      throw new IllegalArgumentException("a migration must lead to another model, not back to '" + from + "'");
    }
  }
}
