package io.modelgate.core.port;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.model.Secret;
import java.util.List;
import java.util.Optional;

/**
 * Provider keys kept for their owners: a user's own keys, and the keys of shared instances (owner
 * {@link #SHARED}). Values are only ever read back by their owner; listings show them masked. Thread-safe.
 */
public interface CredentialVault {
  String SHARED = "*shared*";

  /** Stores (or replaces) the owner's key for a provider instance; returns the listing row. */
  StoredCredential put(String owner, String instance, Secret key);

  /** The owner's key for the instance, recording that it was used. */
  Optional<Secret> get(String owner, String instance);

  /** The owner's keys, masked, without values. */
  List<StoredCredential> list(String owner);

  boolean remove(String owner, String instance);
}
