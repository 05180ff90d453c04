package io.modelgate.core.memory;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.SettingsStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** A {@link SettingsStore} in maps: nothing survives the process. */
public final class InMemorySettingsStore implements SettingsStore {
  private final ConcurrentMap<String, ModelId> values = new ConcurrentHashMap<>();

  private static String global(ModelCategory c) {
    return "global|" + c;
  }

  private static String user(String id, ModelCategory c) {
    return "user|" + id + "|" + c;
  }

  private static String org(String id, ModelCategory c) {
    return "org|" + id + "|" + c;
  }

  private static String pin(String conversation) {
    return "pin|" + conversation;
  }

  private void set(String key, @Nullable ModelId model) {
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
  public Optional<ModelId> pinnedModel(String conversationId) {
    return Optional.ofNullable(values.get(pin(conversationId)));
  }

  @Override
  public void pin(String conversationId, @Nullable ModelId model) {
    set(pin(conversationId), model);
  }

  @Override
  public int replaceModel(ModelId from, ModelId to) {
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
