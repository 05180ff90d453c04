package io.modelgate.core.provider;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import jakarta.inject.Inject;
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
      Long chosen = configs.find(userId, instance.id()).map(UserProviderConfig::apiKeyId).orElse(null);
      Optional<Secret> own = chosen != null ? vault.key(userId, chosen) : Optional.empty();
      if (own.isEmpty()) {
        own = vault.get(userId, instance.id());
      }
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

  private Optional<Secret> sharedKey(ProviderInstance instance) {
    if (instance.credentialRef() instanceof CredentialRef.Env env) {
      String value = environment.get(env.variable());
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
    }
    return vault.get(CredentialVault.SHARED, instance.id());
  }
}
