package io.modelgate.core.account;

import io.modelgate.core.model.ModelId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user's own settings for one provider instance: the default model and sampling defaults for their calls to it.
 * The user's keys for it live in the credential vault; {@code apiKeyId} names the one its calls use (null: the
 * newest). The config marked {@code isDefault} counts as the user's preference when a request names no model.
 */
public record UserProviderConfig(
    String userId, String provider, @Nullable ModelId defaultModel, @Nullable Double temperature,
    @Nullable Integer maxTokens, boolean isDefault, Instant updatedAt, @Nullable Long apiKeyId) {
  public UserProviderConfig(String userId, String provider, @Nullable ModelId defaultModel,
      @Nullable Double temperature, @Nullable Integer maxTokens, boolean isDefault, Instant updatedAt) {
    this(userId, provider, defaultModel, temperature, maxTokens, isDefault, updatedAt, null);
  }

  public UserProviderConfig {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("'userId' must not be blank");
    }
    io.modelgate.core.model.ModelId.checkInstanceId(provider);
    if (defaultModel != null && !defaultModel.instance().equals(provider)) {
      throw new IllegalArgumentException("'default_model' " + defaultModel + " is not a model of '" + provider + "'");
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("'temperature' must be between 0 and 2, was " + temperature);
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("'max_tokens' must be positive, was " + maxTokens);
    }
    Objects.requireNonNull(updatedAt, "'updatedAt' must not be null");
    if (apiKeyId != null && apiKeyId <= 0) {
      throw new IllegalArgumentException("'api_key_id' must be a positive key id, was " + apiKeyId);
    }
  }

  public UserProviderConfig withDefault(boolean value) {
    return new UserProviderConfig(userId, provider, defaultModel, temperature, maxTokens, value, updatedAt, apiKeyId);
  }
}
