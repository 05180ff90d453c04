package io.modelgate.core.memory;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** A {@link CredentialVault} in memory, unencrypted: for tests and embedders who keep keys elsewhere. */
public final class InMemoryCredentialVault implements CredentialVault {
  private static final Comparator<StoredCredential> ORDER = Comparator.comparing(StoredCredential::instance)
      .thenComparing(StoredCredential::createdAt).thenComparingLong(StoredCredential::id);

  private record Row(Secret key, StoredCredential listing) {}

  private final ConcurrentMap<Long, Row> rows = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final InstantSource clock;

  public InMemoryCredentialVault(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
  }

  @Override
  public synchronized StoredCredential put(String owner, String instance, Secret key) {
    CredentialVault.checkOwnerAndInstance(owner, instance);
    Objects.requireNonNull(key, "'key' must not be null");
    StoredCredential listing = listing(owner, instance, null, key);
    remove(owner, instance);
    rows.put(listing.id(), new Row(key, listing));
    return listing;
  }

  @Override
  public synchronized StoredCredential add(String owner, String instance, @Nullable String name, Secret key) {
    CredentialVault.checkOwnerAndInstance(owner, instance);
    Objects.requireNonNull(key, "'key' must not be null");
    StoredCredential listing = listing(owner, instance, name, key);
    rows.put(listing.id(), new Row(key, listing));
    return listing;
  }

  private StoredCredential listing(String owner, String instance, @Nullable String name, Secret key) {
    long id;
    do {
      id = StoredCredential.newId(random);
    } while (rows.containsKey(id));
    return new StoredCredential(id, owner, instance, name, key.masked(), clock.instant(), null);
  }

  @Override
  public Optional<Secret> get(String owner, String instance) {
    return rows.values().stream()
        .filter(r -> r.listing.owner().equals(owner) && r.listing.instance().equals(instance))
        .max(Comparator.comparing((Row r) -> r.listing.createdAt()).thenComparingLong(r -> r.listing.id()))
        .flatMap(r -> key(owner, r.listing.id()));
  }

  @Override
  public Optional<Secret> key(String owner, long id) {
    Row row = rows.computeIfPresent(id, (k, r) -> r.listing.owner().equals(owner)
        ? new Row(r.key, r.listing.usedAt(clock.instant())) : r);
    return row == null || !row.listing.owner().equals(owner) ? Optional.empty() : Optional.of(row.key);
  }

  @Override
  public List<StoredCredential> list(String owner) {
    return rows.values().stream().map(Row::listing).filter(l -> l.owner().equals(owner)).sorted(ORDER).toList();
  }

  @Override
  public synchronized boolean remove(String owner, String instance) {
    return rows.values().removeIf(r -> r.listing.owner().equals(owner) && r.listing.instance().equals(instance));
  }

  @Override
  public boolean removeKey(String owner, long id) {
    Row row = rows.get(id);
    return row != null && row.listing.owner().equals(owner) && rows.remove(id, row);
  }
}
