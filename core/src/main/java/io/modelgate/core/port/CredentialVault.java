package io.modelgate.core.port;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.model.Secret;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Provider keys kept for their owners: users' own keys (several per provider, each with an id and an optional
 * name), and the keys of shared instances (owner {@link #SHARED}). Values are only ever read back by their owner;
 * listings show them masked. Thread-safe.
 */
public interface CredentialVault {
  String SHARED = "*shared*";

  /** The argument check every vault makes: an owner and an instance, neither blank. */
  static void checkOwnerAndInstance(String owner, String instance) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("'owner' must not be blank");
    }
    if (instance == null || instance.isBlank()) {
      throw new IllegalArgumentException("'instance' must not be blank");
    }
  }

  /** Stores the owner's key for a provider instance, replacing every key they had for it; returns the listing row. */
  StoredCredential put(String owner, String instance, Secret key);

  /** Stores one more key of the owner's for a provider instance, under an optional friendly name. */
  StoredCredential add(String owner, String instance, @Nullable String name, Secret key);

  /** The owner's newest key for the instance, recording that it was used. */
  Optional<Secret> get(String owner, String instance);

  /** One key of the owner's by its id, recording that it was used; empty when the owner has no such key. */
  Optional<Secret> key(String owner, long id);

  /** The owner's keys, masked, without values, by instance then oldest first. */
  List<StoredCredential> list(String owner);

  /** Removes every key of the owner's for the instance. */
  boolean remove(String owner, String instance);

  /** Removes one key of the owner's by its id. */
  boolean removeKey(String owner, long id);
}
