package io.modelgate.persistence;

import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.SettingsStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Defaults and preferences in {@code model_setting}, one row per (scope, subject, category), the global default with
 * subject {@code ''}; conversation pins in {@code conversation_pin}, one row per (owner, conversation id).
 */
final class JdbiSettingsStore implements SettingsStore {
  private static final String GLOBAL = "global";
  private static final String USER = "user";
  private static final String ORG = "org";
  private static final String AGENT = "agent";
  private static final String WHERE = "scope = :scope AND subject = :subject AND category = :category";
  private static final String PIN_WHERE = "owner = :owner AND conversation_id = :id";

  private final Jdbi jdbi;

  JdbiSettingsStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private Optional<ModelId> get(String scope, String subject, String category) {
    Objects.requireNonNull(subject, "'" + scope + "' id must not be null");
    return jdbi.withHandle(h -> h.createQuery("SELECT model_id FROM model_setting WHERE " + WHERE)
        .bind("scope", scope).bind("subject", subject).bind("category", category)
        .map((rs, ctx) -> ModelId.parse(rs.getString(1))).findOne());
  }

  private void set(String scope, String subject, String category, @Nullable ModelId model) {
    Objects.requireNonNull(subject, "'" + scope + "' id must not be null");
    if (model == null) {
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM model_setting WHERE " + WHERE)
          .bind("scope", scope).bind("subject", subject).bind("category", category).execute());
      return;
    }
    Transactions.upsert(jdbi,
        h -> h.createUpdate("UPDATE model_setting SET model_id = :model WHERE " + WHERE)
            .bind("scope", scope).bind("subject", subject).bind("category", category)
            .bind("model", model.toString()).execute(),
        h -> h.createUpdate("INSERT INTO model_setting (scope, subject, category, model_id) "
                + "VALUES (:scope, :subject, :category, :model)")
            .bind("scope", scope).bind("subject", subject).bind("category", category)
            .bind("model", model.toString()).execute());
  }

  private static String category(ModelCategory category) {
    return Objects.requireNonNull(category, "'category' must not be null").name();
  }

  @Override
  public Optional<ModelId> globalDefault(ModelCategory category) {
    return get(GLOBAL, "", category(category));
  }

  @Override
  public void setGlobalDefault(ModelCategory category, @Nullable ModelId model) {
    set(GLOBAL, "", category(category), model);
  }

  @Override
  public Optional<ModelId> userDefault(String userId, ModelCategory category) {
    return get(USER, userId, category(category));
  }

  @Override
  public void setUserDefault(String userId, ModelCategory category, @Nullable ModelId model) {
    set(USER, userId, category(category), model);
  }

  @Override
  public Map<ModelCategory, ModelId> userDefaults(String userId) {
    Objects.requireNonNull(userId, "'user' id must not be null");
    Map<ModelCategory, ModelId> result = new EnumMap<>(ModelCategory.class);
    jdbi.useHandle(h -> h.createQuery("SELECT category, model_id FROM model_setting "
            + "WHERE scope = :scope AND subject = :subject")
        .bind("scope", USER).bind("subject", userId)
        .map((rs, ctx) -> Map.entry(ModelCategory.valueOf(rs.getString(1)), ModelId.parse(rs.getString(2))))
        .forEach(e -> result.put(e.getKey(), e.getValue())));
    return result;
  }

  @Override
  public Optional<ModelId> orgDefault(String orgId, ModelCategory category) {
    return get(ORG, orgId, category(category));
  }

  @Override
  public void setOrgDefault(String orgId, ModelCategory category, @Nullable ModelId model) {
    set(ORG, orgId, category(category), model);
  }

  @Override
  public Optional<ModelId> agentDefault(String agentId, ModelCategory category) {
    return get(AGENT, agentId, category(category));
  }

  @Override
  public void setAgentDefault(String agentId, ModelCategory category, @Nullable ModelId model) {
    set(AGENT, agentId, category(category), model);
  }

  @Override
  public Optional<ModelId> pinnedModel(Conversation conversation) {
    Objects.requireNonNull(conversation, "'conversation' must not be null");
    return jdbi.withHandle(h -> h.createQuery("SELECT model_id FROM conversation_pin WHERE " + PIN_WHERE)
        .bind("owner", conversation.owner()).bind("id", conversation.id())
        .map((rs, ctx) -> ModelId.parse(rs.getString(1))).findOne());
  }

  @Override
  public void pin(Conversation conversation, @Nullable ModelId model) {
    Objects.requireNonNull(conversation, "'conversation' must not be null");
    if (model == null) {
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM conversation_pin WHERE " + PIN_WHERE)
          .bind("owner", conversation.owner()).bind("id", conversation.id()).execute());
      return;
    }
    Transactions.upsert(jdbi,
        h -> h.createUpdate("UPDATE conversation_pin SET model_id = :model WHERE " + PIN_WHERE)
            .bind("owner", conversation.owner()).bind("id", conversation.id()).bind("model", model.toString())
            .execute(),
        h -> h.createUpdate("INSERT INTO conversation_pin (owner, conversation_id, model_id) "
                + "VALUES (:owner, :id, :model)")
            .bind("owner", conversation.owner()).bind("id", conversation.id()).bind("model", model.toString())
            .execute());
  }

  @Override
  public int replaceModel(ModelId from, ModelId to) {
    Objects.requireNonNull(from, "'from' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    return jdbi.inTransaction(h -> h.createUpdate("UPDATE model_setting SET model_id = :to WHERE model_id = :from")
        .bind("from", from.toString()).bind("to", to.toString()).execute()
        + h.createUpdate("UPDATE conversation_pin SET model_id = :to WHERE model_id = :from")
        .bind("from", from.toString()).bind("to", to.toString()).execute());
  }
}
