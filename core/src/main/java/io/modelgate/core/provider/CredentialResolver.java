package io.modelgate.core.provider;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the key for a call to an instance: the caller's own key for that instance first (the one their provider
 * config names, else their newest), then the instance's shared key — an environment variable
 * ({@link CredentialRef.Env}), or else the vault's shared keys.
 */
public final class CredentialResolver {
  private final Map<String, String> environment;
  private final CredentialVault vault;
  private final ProviderConfigStore configs;

  @Inject
  public CredentialResolver(@EnvironmentVariables Map<String, String> environment, CredentialVault vault,
      ProviderConfigStore configs) {
    this.environment = Map.copyOf(environment);
    this.vault = vault;
    this.configs = configs;
  }

  /** The key to use for {@code instance} on behalf of {@code userId} (null: a shared or system call). */
  public Optional<Secret> keyFor(ProviderInstance instance, @Nullable String userId) {
    if (userId != null) {
      Optional<Secret> own = ownKey(userId, instance.id()).flatMap(k -> vault.key(userId, k.id()));
      if (own.isPresent()) {
        return own;
      }
    }
    if (instance.owner() != null) {
      Optional<Secret> owners = vault.get(instance.owner(), instance.id());
      if (owners.isPresent()) {
        return owners;
      }
    }
    return sharedKey(instance);
  }

  /**
   * Which of the user's own stored keys their calls to {@code instanceId} use: the one their provider config names
   * while it exists, else their newest for the instance; empty when they have none (the shared key then applies).
   */
  public Optional<StoredCredential> ownKey(String userId, String instanceId) {
    List<StoredCredential> keys = vault.list(userId).stream().filter(k -> k.instance().equals(instanceId)).toList();
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    Long chosen = configs.find(userId, instanceId).map(UserProviderConfig::apiKeyId).orElse(null);
    return keys.stream().filter(k -> chosen != null && k.id() == chosen).findFirst()
        .or(() -> Optional.of(keys.getLast()));
  }

  private Optional<Secret> sharedKey(ProviderInstance instance) {
    if (instance.credentialRef() instanceof CredentialRef.Env env) {
      String value = environment.get(env.variable());
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
    }
    return vault.get(CredentialVault.SHARED, instance.id());
  }
}
