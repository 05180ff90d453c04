package io.modelgate.persistence;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * Provider keys in {@code credential}, sealed by {@link CredentialCipher}; only the masked form and the times are
 * readable without the master key. Never logs or puts a value in an exception message.
 */
final class JdbiCredentialVault implements CredentialVault {
  private final Jdbi jdbi;
  private final CredentialCipher cipher;
  private final InstantSource clock;
  private final java.security.SecureRandom random = new java.security.SecureRandom();

  JdbiCredentialVault(Jdbi jdbi, CredentialCipher cipher, InstantSource clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  public StoredCredential put(String owner, String instance, Secret key) {
    return store(owner, instance, null, key, true);
  }

  @Override
  public StoredCredential add(String owner, String instance, @Nullable String name, Secret key) {
    return store(owner, instance, name, key, false);
  }

  private StoredCredential store(String owner, String instance, @Nullable String name, Secret key,
      boolean replace) {
    CredentialVault.checkOwnerAndInstance(owner, instance);
    Objects.requireNonNull(key, "'key' must not be null");
    CredentialCipher.Sealed sealed = cipher.seal(owner, instance, key.reveal());
    StoredCredential listing = new StoredCredential(StoredCredential.newId(random), owner, instance, name,
        key.masked(), clock.instant(), null);
    Transactions.write(jdbi, h -> {
      if (replace) {
        h.createUpdate("DELETE FROM credential WHERE owner_id = :owner AND instance = :instance")
            .bind("owner", owner).bind("instance", instance).execute();
      }
      return h.createUpdate("INSERT INTO credential (credential_id, owner_id, instance, key_name, key_id, "
              + "ciphertext, masked, created_at) "
              + "VALUES (:id, :owner, :instance, :name, :key_id, :ciphertext, :masked, :created_at)")
          .bind("id", listing.id()).bind("owner", owner).bind("instance", instance)
          .bindByType("name", name, String.class).bind("key_id", sealed.keyId())
          .bind("ciphertext", sealed.ciphertext()).bind("masked", listing.masked())
          .bind("created_at", listing.createdAt().toEpochMilli()).execute();
    });
    return listing;
  }

  private record Row(long id, String instance, long keyId, String ciphertext) {}

  @Override
  public Optional<Secret> get(String owner, String instance) {
    return open(owner, "owner_id = :owner AND instance = :instance ORDER BY created_at DESC, credential_id DESC",
        q -> q.bind("owner", owner).bind("instance", instance));
  }

  @Override
  public Optional<Secret> key(String owner, long id) {
    return open(owner, "owner_id = :owner AND credential_id = :id", q -> q.bind("owner", owner).bind("id", id));
  }

  private Optional<Secret> open(String owner, String where, java.util.function.UnaryOperator<Query> binding) {
    Optional<Row> row = jdbi.withHandle(h -> binding.apply(h.createQuery(
            "SELECT credential_id, instance, key_id, ciphertext FROM credential WHERE " + where))
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).findFirst());
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Secret secret = Secret.of(cipher.open(owner, row.get().instance(), row.get().keyId(), row.get().ciphertext()));
    jdbi.useHandle(h -> h.createUpdate("UPDATE credential SET last_used_at = :now WHERE credential_id = :id")
        .bind("now", clock.instant().toEpochMilli()).bind("id", row.get().id()).execute());
    return Optional.of(secret);
  }

  @Override
  public List<StoredCredential> list(String owner) {
    return jdbi.withHandle(h -> h.createQuery("SELECT credential_id, owner_id, instance, key_name, masked, "
            + "created_at, last_used_at FROM credential WHERE owner_id = :owner")
        .bind("owner", owner).map((rs, ctx) -> listing(rs)).list())
        .stream().sorted(Comparator.comparing(StoredCredential::instance)
            .thenComparing(StoredCredential::createdAt).thenComparingLong(StoredCredential::id)).toList();
  }

  @Override
  public boolean remove(String owner, String instance) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM credential WHERE owner_id = :owner AND instance = :i")
        .bind("owner", owner).bind("i", instance).execute()) > 0;
  }

  @Override
  public boolean removeKey(String owner, long id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM credential WHERE owner_id = :owner AND "
            + "credential_id = :id").bind("owner", owner).bind("id", id).execute()) > 0;
  }

  /**
   * Seals again, under the current primary key, every row sealed by another key; returns how many. Each row is
   * replaced only if it has not changed meanwhile, so it runs beside live traffic.
   */
  int reencrypt() {
    record Stale(long id, String owner, String instance, long keyId, String ciphertext) {}
    long primary = cipher.primaryKeyId();
    List<Stale> stale = jdbi.withHandle(h -> h.createQuery(
            "SELECT credential_id, owner_id, instance, key_id, ciphertext FROM credential WHERE key_id <> :primary")
        .bind("primary", primary)
        .map((rs, ctx) -> new Stale(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(5))).list());
    int done = 0;
    for (Stale row : stale) {
      String plain = cipher.open(row.owner(), row.instance(), row.keyId(), row.ciphertext());
      CredentialCipher.Sealed sealed = cipher.seal(row.owner(), row.instance(), plain);
      done += jdbi.withHandle(h -> h.createUpdate("UPDATE credential SET key_id = :key_id, ciphertext = :new "
              + "WHERE credential_id = :id AND key_id = :old_key AND ciphertext = :old")
          .bind("key_id", sealed.keyId()).bind("new", sealed.ciphertext()).bind("id", row.id())
          .bind("old_key", row.keyId()).bind("old", row.ciphertext()).execute());
    }
    return done;
  }

  private static StoredCredential listing(ResultSet rs) throws SQLException {
    Instant created = Instant.ofEpochMilli(rs.getLong("created_at"));
    return new StoredCredential(rs.getLong("credential_id"), rs.getString("owner_id"), rs.getString("instance"),
        rs.getString("key_name"), rs.getString("masked"), created, Rows.instant(rs, "last_used_at"));
  }
}
