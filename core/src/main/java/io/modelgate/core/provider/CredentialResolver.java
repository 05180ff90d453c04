package io.modelgate.core.provider;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the key for a call to an instance: the caller's own key for that instance first, then the instance's
 * shared key — an environment variable ({@link CredentialRef.Env}), or else the vault's shared keys.
 */
public final class CredentialResolver {
  private final Map<String, String> environment;
  private final CredentialVault vault;

  @Inject
  public CredentialResolver(@EnvironmentVariables Map<String, String> environment, CredentialVault vault) {
    this.environment = Map.copyOf(environment);
    this.vault = vault;
  }

  /** The key to use for {@code instance} on behalf of {@code userId} (null: a shared or system call). */
  public Optional<Secret> keyFor(ProviderInstance instance, @Nullable String userId) {
    if (userId != null) {
      Optional<Secret> own = vault.get(userId, instance.id());
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
