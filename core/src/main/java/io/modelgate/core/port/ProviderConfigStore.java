package io.modelgate.core.port;

import io.modelgate.core.account.UserProviderConfig;
import java.util.List;
import java.util.Optional;

/**
 * Users' own provider configs, one per user and provider instance. Saving a config marked default clears the mark
 * on the user's other configs. Thread-safe.
 */
public interface ProviderConfigStore {
  void save(UserProviderConfig config);

  Optional<UserProviderConfig> find(String userId, String provider);

  /** The user's configs, by provider. */
  List<UserProviderConfig> list(String userId);

  /** The user's config marked default, if any. */
  default Optional<UserProviderConfig> userDefault(String userId) {
    return list(userId).stream().filter(UserProviderConfig::isDefault).findFirst();
  }

  boolean delete(String userId, String provider);
}
