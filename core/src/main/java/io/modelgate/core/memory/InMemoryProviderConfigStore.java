package io.modelgate.core.memory;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.port.ProviderConfigStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link ProviderConfigStore} in memory: nothing survives the process. */
public final class InMemoryProviderConfigStore implements ProviderConfigStore {
  private final TreeMap<String, UserProviderConfig> configs = new TreeMap<>();

  private static String key(String user, String provider) {
    return user + "|" + provider;
  }

  @Override
  public synchronized void save(UserProviderConfig config) {
    if (config.isDefault()) {
      for (UserProviderConfig other : new ArrayList<>(configs.values())) {
        if (other.userId().equals(config.userId()) && other.isDefault()) {
          configs.put(key(other.userId(), other.provider()), new UserProviderConfig(other.userId(),
              other.provider(), other.defaultModel(), other.temperature(), other.maxTokens(), false,
              other.updatedAt()));
        }
      }
    }
    configs.put(key(config.userId(), config.provider()), config);
  }

  @Override
  public synchronized Optional<UserProviderConfig> find(String userId, String provider) {
    return Optional.ofNullable(configs.get(key(userId, provider)));
  }

  @Override
  public synchronized List<UserProviderConfig> list(String userId) {
    return configs.values().stream().filter(c -> c.userId().equals(userId))
        .sorted(Comparator.comparing(UserProviderConfig::provider)).toList();
  }

  @Override
  public synchronized boolean delete(String userId, String provider) {
    return configs.remove(key(userId, provider)) != null;
  }
}
