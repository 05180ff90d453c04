package io.modelgate.core.memory;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.port.ProviderConfigStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link ProviderConfigStore} in memory: nothing survives the process. Thread-safe. */
public final class InMemoryProviderConfigStore implements ProviderConfigStore {
  private final Map<Key, UserProviderConfig> configs = new HashMap<>();

  private record Key(String userId, String provider) {
    Key {
      Objects.requireNonNull(userId, "'userId' must not be null");
      Objects.requireNonNull(provider, "'provider' must not be null");
    }
  }

  @Override
  public synchronized void save(UserProviderConfig config) {
    Objects.requireNonNull(config, "'config' must not be null");
    if (config.isDefault()) {
      configs.replaceAll((key, other) -> other.userId().equals(config.userId()) && other.isDefault()
          ? other.withDefault(false)
          : other);
    }
    configs.put(new Key(config.userId(), config.provider()), config);
  }

  @Override
  public synchronized Optional<UserProviderConfig> find(String userId, String provider) {
    return Optional.ofNullable(configs.get(new Key(userId, provider)));
  }

  @Override
  public synchronized List<UserProviderConfig> list(String userId) {
    Objects.requireNonNull(userId, "'userId' must not be null");
    return configs.values().stream().filter(c -> c.userId().equals(userId))
        .sorted(Comparator.comparing(UserProviderConfig::provider)).toList();
  }

  @Override
  public synchronized boolean delete(String userId, String provider) {
    return configs.remove(new Key(userId, provider)) != null;
  }
}
