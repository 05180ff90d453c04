package io.modelgate.core.memory;

import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.SettingsStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** A {@link SettingsStore} in maps: nothing survives the process. */
public final class InMemorySettingsStore implements SettingsStore {
  private final ConcurrentMap<Key, ModelId> values = new ConcurrentHashMap<>();

  /** One setting: a scope (global, user, org, pin), whose, and for which category (none for a pin). */
  private record Key(String scope, String owner, @Nullable ModelCategory category) {
    Key {
      Objects.requireNonNull(owner, "'" + scope + "' id must not be null");
    }
  }

  private static Key global(ModelCategory c) {
    return new Key("global", "", Objects.requireNonNull(c, "'category' must not be null"));
  }

  private static Key user(String id, ModelCategory c) {
    return new Key("user", id, Objects.requireNonNull(c, "'category' must not be null"));
  }

  private static Key org(String id, ModelCategory c) {
    return new Key("org", id, Objects.requireNonNull(c, "'category' must not be null"));
  }

  private static Key pin(Conversation conversation) {
    Objects.requireNonNull(conversation, "'conversation' must not be null");
    // The owner cannot hold a NUL, so the pair is unambiguous.
    return new Key("conversation", conversation.owner() + "\u0000" + conversation.id(), null);
  }

  private void set(Key key, @Nullable ModelId model) {
    if (model == null) {
      values.remove(key);
    } else {
      values.put(key, model);
    }
  }

  @Override
  public Optional<ModelId> globalDefault(ModelCategory category) {
    return Optional.ofNullable(values.get(global(category)));
  }

  @Override
  public void setGlobalDefault(ModelCategory category, @Nullable ModelId model) {
    set(global(category), model);
  }

  @Override
  public Optional<ModelId> userDefault(String userId, ModelCategory category) {
    return Optional.ofNullable(values.get(user(userId, category)));
  }

  @Override
  public void setUserDefault(String userId, ModelCategory category, @Nullable ModelId model) {
    set(user(userId, category), model);
  }

  @Override
  public Map<ModelCategory, ModelId> userDefaults(String userId) {
    Map<ModelCategory, ModelId> result = new EnumMap<>(ModelCategory.class);
    for (ModelCategory c : ModelCategory.values()) {
      userDefault(userId, c).ifPresent(m -> result.put(c, m));
    }
    return result;
  }

  @Override
  public Optional<ModelId> orgDefault(String orgId, ModelCategory category) {
    return Optional.ofNullable(values.get(org(orgId, category)));
  }

  @Override
  public void setOrgDefault(String orgId, ModelCategory category, @Nullable ModelId model) {
    set(org(orgId, category), model);
  }

  @Override
  public Optional<ModelId> agentDefault(String agentId, ModelCategory category) {
    return Optional.ofNullable(values.get(new Key("agent", agentId, category)));
  }

  @Override
  public void setAgentDefault(String agentId, ModelCategory category, @Nullable ModelId model) {
    set(new Key("agent", agentId, Objects.requireNonNull(category, "'category' must not be null")), model);
  }

  @Override
  public Optional<ModelId> pinnedModel(Conversation conversation) {
    return Optional.ofNullable(values.get(pin(conversation)));
  }

  @Override
  public void pin(Conversation conversation, @Nullable ModelId model) {
    set(pin(conversation), model);
  }

  @Override
  public int replaceModel(ModelId from, ModelId to) {
    Objects.requireNonNull(from, "'from' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    int[] changed = {0};
    values.replaceAll((key, model) -> {
      if (model.equals(from)) {
        changed[0]++;
        return to;
      }
      return model;
    });
    return changed[0];
  }
}
