package io.modelgate.core.port;

import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which model to use when a request names none: the global default per category, users' and orgs' defaults, and
 * conversations' pinned models (each conversation its owner's: the same id under two owners is two pins). A null
 * model clears a setting. Thread-safe.
 */
public interface SettingsStore {
  Optional<ModelId> globalDefault(ModelCategory category);

  void setGlobalDefault(ModelCategory category, @Nullable ModelId model);

  Optional<ModelId> userDefault(String userId, ModelCategory category);

  void setUserDefault(String userId, ModelCategory category, @Nullable ModelId model);

  Map<ModelCategory, ModelId> userDefaults(String userId);

  Optional<ModelId> orgDefault(String orgId, ModelCategory category);

  void setOrgDefault(String orgId, ModelCategory category, @Nullable ModelId model);

  /** The default of an agent (seed 002), resolved before the user's preference. */
  Optional<ModelId> agentDefault(String agentId, ModelCategory category);

  void setAgentDefault(String agentId, ModelCategory category, @Nullable ModelId model);

  Optional<ModelId> pinnedModel(Conversation conversation);

  void pin(Conversation conversation, @Nullable ModelId model);

  /** Points every default, preference and pin that names {@code from} at {@code to}; returns how many changed. */
  int replaceModel(ModelId from, ModelId to);
}
