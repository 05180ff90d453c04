package io.modelgate.core.memory;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CredentialVault} in memory, unencrypted: for tests and embedders who keep keys elsewhere. */
public final class InMemoryCredentialVault implements CredentialVault {
  private record Row(Secret key, StoredCredential listing) {}

  private record Id(String owner, String instance) {
    Id {
      if (owner == null || owner.isBlank()) {
        throw new IllegalArgumentException("'owner' must not be blank");
      }
      if (instance == null || instance.isBlank()) {
        throw new IllegalArgumentException("'instance' must not be blank");
      }
    }
  }

  private final ConcurrentMap<Id, Row> rows = new ConcurrentHashMap<>();
  private final InstantSource clock;

  public InMemoryCredentialVault(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
  }

  private static Id id(String owner, String instance) {
    return new Id(owner, instance);
  }

  @Override
  public StoredCredential put(String owner, String instance, Secret key) {
    Id id = id(owner, instance);
    Objects.requireNonNull(key, "'key' must not be null");
    StoredCredential listing = new StoredCredential(owner, instance, key.masked(), clock.instant(), null);
    rows.put(id, new Row(key, listing));
    return listing;
  }

  @Override
  public Optional<Secret> get(String owner, String instance) {
    Row row = rows.computeIfPresent(id(owner, instance), (k, r) -> new Row(r.key, new StoredCredential(
        r.listing.owner(), r.listing.instance(), r.listing.masked(), r.listing.createdAt(), clock.instant())));
    return Optional.ofNullable(row).map(Row::key);
  }

  @Override
  public List<StoredCredential> list(String owner) {
    return rows.values().stream().map(Row::listing).filter(l -> l.owner().equals(owner))
        .sorted(Comparator.comparing(StoredCredential::instance)).toList();
  }

  @Override
  public boolean remove(String owner, String instance) {
    return rows.remove(id(owner, instance)) != null;
  }
}
