package io.modelgate.persistence;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.ProviderConfigStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Users' provider configs in {@code user_provider_config}; the one marked default in {@code user_provider_default},
 * keyed by user, so that switching the default is one transaction and two defaults cannot exist.
 */
final class JdbiProviderConfigStore implements ProviderConfigStore {
  private static final String SELECT = "SELECT c.user_id, c.provider, c.default_model, c.temperature, c.max_tokens, "
      + "c.updated_at, c.api_key_id, d.provider AS default_provider FROM user_provider_config c "
      + "LEFT JOIN user_provider_default d ON d.user_id = c.user_id AND d.provider = c.provider ";

  private final Jdbi jdbi;

  JdbiProviderConfigStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void save(UserProviderConfig config) {
    Objects.requireNonNull(config, "'config' must not be null");
    Transactions.write(jdbi, h -> {
      if (bind(h.createUpdate("UPDATE user_provider_config SET default_model = :model, temperature = :temperature, "
          + "max_tokens = :maxTokens, updated_at = :updatedAt, api_key_id = :apiKeyId WHERE user_id = :user AND provider = :provider"),
          config).execute() == 0) {
        bind(h.createUpdate("INSERT INTO user_provider_config "
            + "(user_id, provider, default_model, temperature, max_tokens, updated_at, api_key_id) "
            + "VALUES (:user, :provider, :model, :temperature, :maxTokens, :updatedAt, :apiKeyId)"), config).execute();
      }
      if (config.isDefault()) {
        markDefault(h, config.userId(), config.provider());
      } else {
        clearDefault(h, config.userId(), config.provider());
      }
      return null;
    });
  }

  @Override
  public Optional<UserProviderConfig> find(String userId, String provider) {
    requireIds(userId, provider);
    return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE c.user_id = :user AND c.provider = :provider")
        .bind("user", userId).bind("provider", provider).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public List<UserProviderConfig> list(String userId) {
    Objects.requireNonNull(userId, "'userId' must not be null");
    // sorted here, not by the database, whose collation may order '-' differently
    return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE c.user_id = :user").bind("user", userId)
        .map((rs, ctx) -> read(rs)).list()).stream()
        .sorted(Comparator.comparing(UserProviderConfig::provider)).toList();
  }

  @Override
  public Optional<UserProviderConfig> userDefault(String userId) {
    Objects.requireNonNull(userId, "'userId' must not be null");
    return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE c.user_id = :user AND d.provider IS NOT NULL")
        .bind("user", userId).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public boolean delete(String userId, String provider) {
    requireIds(userId, provider);
    return jdbi.inTransaction(h -> {
      clearDefault(h, userId, provider);
      return h.createUpdate("DELETE FROM user_provider_config WHERE user_id = :user AND provider = :provider")
          .bind("user", userId).bind("provider", provider).execute() > 0;
    });
  }

  private static void markDefault(Handle h, String userId, String provider) {
    int updated = h.createUpdate("UPDATE user_provider_default SET provider = :provider WHERE user_id = :user")
        .bind("user", userId).bind("provider", provider).execute();
    if (updated == 0) {
      h.createUpdate("INSERT INTO user_provider_default (user_id, provider) VALUES (:user, :provider)")
          .bind("user", userId).bind("provider", provider).execute();
    }
  }

  private static void clearDefault(Handle h, String userId, String provider) {
    h.createUpdate("DELETE FROM user_provider_default WHERE user_id = :user AND provider = :provider")
        .bind("user", userId).bind("provider", provider).execute();
  }

  private static void requireIds(String userId, String provider) {
    Objects.requireNonNull(userId, "'userId' must not be null");
    Objects.requireNonNull(provider, "'provider' must not be null");
  }

  private static <S extends SqlStatement<S>> S bind(S s, UserProviderConfig c) {
    return s.bind("user", c.userId()).bind("provider", c.provider())
        .bindByType("model", c.defaultModel() == null ? null : c.defaultModel().toString(), String.class)
        .bindByType("temperature", c.temperature(), Double.class)
        .bindByType("maxTokens", c.maxTokens(), Integer.class)
        .bind("updatedAt", c.updatedAt().toEpochMilli())
        .bindByType("apiKeyId", c.apiKeyId(), Long.class);
  }

  private static UserProviderConfig read(ResultSet rs) throws SQLException {
    String model = rs.getString("default_model");
    return new UserProviderConfig(rs.getString("user_id"), rs.getString("provider"),
        model == null ? null : ModelId.parse(model), Rows.doubleValue(rs, "temperature"), Rows.integer(rs, "max_tokens"),
        rs.getString("default_provider") != null, Rows.requiredInstant(rs, "updated_at"),
        rs.getObject("api_key_id") == null ? null : rs.getLong("api_key_id"));
  }
}
