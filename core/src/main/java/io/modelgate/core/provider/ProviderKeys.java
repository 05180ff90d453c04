package io.modelgate.core.provider;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.CredentialVault;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user's own keys for providers (seed 003's Settings → AI Providers): kept encrypted in the vault, listed masked,
 * and the one rule of which of them a call uses ({@link CredentialResolver#ownKey}). Both doors — the HTTP API and
 * the CLI — manage them here, and every change is written to the audit log ({@code provider-key.add},
 * {@code provider-key.replace}, {@code provider-key.remove}) with the masked key only, never its value.
 */
public final class ProviderKeys {
  private static final int MAX_NAME_LENGTH = 100;

  private final CredentialVault vault;
  private final CredentialResolver credentials;
  private final AuditLog audit;
  private final InstantSource clock;

  @Inject
  public ProviderKeys(CredentialVault vault, CredentialResolver credentials, AuditLog audit, InstantSource clock) {
    this.vault = vault;
    this.credentials = credentials;
    this.audit = audit;
    this.clock = clock;
  }

  /** The owner's keys, masked, by provider then oldest first. */
  public List<StoredCredential> list(String owner) {
    return vault.list(owner);
  }

  /** One more key of the owner's for {@code provider}, kept beside the others under an optional friendly name. */
  public StoredCredential add(String actor, String owner, String provider, @Nullable String name, Secret key) {
    if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
      throw new InvalidRequestException("'key_name' must be 1-" + MAX_NAME_LENGTH + " characters", "key_name");
    }
    StoredCredential stored = vault.add(owner, provider, name, key);
    audit("provider-key.add", actor, stored);
    return stored;
  }

  /** The owner's key for {@code provider}, replacing every key they had for it. */
  public StoredCredential replace(String actor, String owner, String provider, Secret key) {
    StoredCredential stored = vault.put(owner, provider, key);
    audit("provider-key.replace", actor, stored);
    return stored;
  }

  /**
   * Removes one key of the owner's by its id, or, given a provider id, every key they have for that provider.
   *
   * @throws ModelNotFoundException when the owner has no such key
   */
  public void remove(String actor, String owner, String keyIdOrProvider) {
    List<StoredCredential> keys = vault.list(owner);
    Optional<StoredCredential> byId = keys.stream()
        .filter(c -> String.valueOf(c.id()).equals(keyIdOrProvider)).findFirst();
    List<StoredCredential> gone = byId.map(List::of)
        .orElseGet(() -> keys.stream().filter(c -> c.instance().equals(keyIdOrProvider)).toList());
    boolean removed = !gone.isEmpty() && (byId.isPresent() ? vault.removeKey(owner, byId.get().id())
        : vault.remove(owner, keyIdOrProvider));
    if (!removed) {
      throw new ModelNotFoundException("no key '" + keyIdOrProvider + "' of " + owner
          + " (give a key id or a provider id)");
    }
    for (StoredCredential c : gone) {
      audit.append(new AuditEvent(clock.instant(), actor, "provider-key.remove", owner, summary(c), null));
    }
  }

  /** The owner's key that their calls to {@code provider} use (see {@link CredentialResolver#ownKey}). */
  public Optional<StoredCredential> inUse(String owner, String provider) {
    return credentials.ownKey(owner, provider);
  }

  /**
   * Checks that {@code keyId} names one of the owner's keys for {@code provider}, as a provider config may.
   *
   * @throws InvalidRequestException naming {@code field} when it does not
   */
  public void checkOwnKey(String owner, String provider, long keyId, String field) {
    if (vault.list(owner).stream().noneMatch(k -> k.id() == keyId && k.instance().equals(provider))) {
      throw new InvalidRequestException("'" + field + "' is not one of your keys for provider '" + provider + "'",
          field);
    }
  }

  private void audit(String action, String actor, StoredCredential stored) {
    audit.append(new AuditEvent(clock.instant(), actor, action, stored.owner(), null, summary(stored)));
  }

  /** What the audit log records of a key: its id, provider, name and masked form, never its value. */
  private static String summary(StoredCredential c) {
    return "{\"id\":" + c.id() + ",\"provider\":" + AuditEvent.jsonString(c.instance()) + ",\"name\":"
        + AuditEvent.jsonString(c.name()) + ",\"masked\":" + AuditEvent.jsonString(c.masked()) + "}";
  }

}
