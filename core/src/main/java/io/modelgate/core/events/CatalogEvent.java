package io.modelgate.core.events;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change the console and the picker show live: a model that arrived, changed status or price, a default that
 * moved, a provider whose health changed. {@code id} grows by one per event, so a client resumes after the last id it
 * saw. {@code before} and {@code after} are the changed value in its wire spelling ({@code pending},
 * {@code healthy}, {@code 0.15/0.60}, a model id).
 */
public record CatalogEvent(long id, Type type, Instant at, String provider, @Nullable ModelId model,
    @Nullable ModelCategory category, @Nullable String before, @Nullable String after) {

  /** What changed. */
  public enum Type {
    /** A model the catalog had not seen; {@code after} is its status. */
    MODEL_ADDED("model.added"),
    /** A model's status moved ({@code pending} → {@code enabled}, …). */
    MODEL_STATUS("model.status"),
    /** A model's price per million tokens changed ({@code input/output}). */
    MODEL_PRICE("model.price"),
    /** A provider's default model for a category changed; {@code model} is the new default. */
    DEFAULT_CHANGED("model.default"),
    /** A provider's health changed ({@code healthy}, {@code degraded}, {@code down}). */
    PROVIDER_HEALTH("provider.health");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public CatalogEvent {
    if (id <= 0) {
      throw new IllegalArgumentException("'id' must be positive, was " + id);
    }
    Objects.requireNonNull(type, "'type' must not be null");
    Objects.requireNonNull(at, "'at' must not be null");
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("'provider' must not be blank");
    }
  }
}
