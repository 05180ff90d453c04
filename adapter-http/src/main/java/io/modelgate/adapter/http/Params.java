package io.modelgate.adapter.http;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads the values that paths, queries and bodies carry as text; a bad one is a 400 naming its field. */
final class Params {
  private Params() {}

  static ModelId modelId(String text, String field) {
    try {
      return ModelId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), field);
    }
  }

  static @Nullable ModelCategory category(@Nullable String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return ModelCategory.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), field);
    }
  }

  /** An ISO instant, or a date (the start of that day, UTC; the day after for an end). */
  static @Nullable Instant instant(@Nullable String text, String field, boolean end) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidRequestException("'" + field + "' must be an ISO date or instant, was '" + text + "'",
            field);
      }
    }
  }

  /** The provider names seed 002 uses where our provider id differs. */
  private static final java.util.Map<String, String> SEED_PROVIDERS = java.util.Map.of("eden", "edenai");

  /**
   * A model named the seeds' way: {@code provider} with the provider's own model id ({@code gpt-4o-mini}), or a full
   * id or alias in {@code model} alone; neither leaves the choice to routing (preferences, defaults).
   */
  static @Nullable String providerModel(@Nullable String provider, @Nullable String model) {
    if (model == null || model.isBlank()) {
      return null;
    }
    if (provider == null || provider.isBlank()) {
      return model;
    }
    String id = SEED_PROVIDERS.getOrDefault(provider, provider);
    if (model.startsWith(id + ":") || model.startsWith(provider + ":")) {
      return model.startsWith(provider + ":") && !provider.equals(id)
          ? id + model.substring(provider.length()) : model;
    }
    if (!ModelId.isInstanceId(id)) {
      throw new io.modelgate.core.error.InvalidRequestException("'provider' must be a provider id, was '"
          + provider + "'", "provider");
    }
    return id + ":" + model;
  }
}
