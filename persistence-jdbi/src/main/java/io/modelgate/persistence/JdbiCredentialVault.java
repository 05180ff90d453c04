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

/**
 * Provider keys in {@code credential}, sealed by {@link CredentialCipher}; only the masked form and the times are
 * readable without the master key. Never logs or puts a value in an exception message.
 */
final class JdbiCredentialVault implements CredentialVault {
  private final Jdbi jdbi;
  private final CredentialCipher cipher;
  private final InstantSource clock;

  JdbiCredentialVault(Jdbi jdbi, CredentialCipher cipher, InstantSource clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.clock = clock;
  }

  private static void check(String owner, String instance) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("'owner' must not be blank");
    }
    if (instance == null || instance.isBlank()) {
      throw new IllegalArgumentException("'instance' must not be blank");
    }
  }

  @Override
  public StoredCredential put(String owner, String instance, Secret key) {
    check(owner, instance);
    Objects.requireNonNull(key, "'key' must not be null");
    CredentialCipher.Sealed sealed = cipher.seal(owner, instance, key.reveal());
    StoredCredential listing = new StoredCredential(owner, instance, key.masked(), clock.instant(), null);
    Transactions.write(jdbi, h -> {
      h.createUpdate("DELETE FROM credential WHERE owner_id = :owner AND instance = :instance")
          .bind("owner", owner).bind("instance", instance).execute();
      return h.createUpdate("INSERT INTO credential (owner_id, instance, key_id, ciphertext, masked, created_at) "
              + "VALUES (:owner, :instance, :key_id, :ciphertext, :masked, :created_at)")
          .bind("owner", owner).bind("instance", instance).bind("key_id", sealed.keyId())
          .bind("ciphertext", sealed.ciphertext()).bind("masked", listing.masked())
          .bind("created_at", listing.createdAt().toEpochMilli()).execute();
    });
    return listing;
  }

  @Override
  public Optional<Secret> get(String owner, String instance) {
    record Row(long keyId, String ciphertext) {}
    Optional<Row> row = jdbi.withHandle(h -> h.createQuery(
            "SELECT key_id, ciphertext FROM credential WHERE owner_id = :owner AND instance = :instance")
        .bind("owner", owner).bind("instance", instance)
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2))).findOne());
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Secret secret = Secret.of(cipher.open(owner, instance, row.get().keyId(), row.get().ciphertext()));
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE credential SET last_used_at = :now WHERE owner_id = :owner AND instance = :instance")
        .bind("now", clock.instant().toEpochMilli()).bind("owner", owner).bind("instance", instance).execute());
    return Optional.of(secret);
  }

  @Override
  public List<StoredCredential> list(String owner) {
    return jdbi.withHandle(h -> h.createQuery("SELECT owner_id, instance, masked, created_at, last_used_at "
            + "FROM credential WHERE owner_id = :owner")
        .bind("owner", owner).map((rs, ctx) -> listing(rs)).list())
        .stream().sorted(Comparator.comparing(StoredCredential::instance)).toList();
  }

  @Override
  public boolean remove(String owner, String instance) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM credential WHERE owner_id = :owner AND instance = :i")
        .bind("owner", owner).bind("i", instance).execute()) > 0;
  }

  /**
   * Seals again, under the current primary key, every row sealed by another key; returns how many. Each row is
   * replaced only if it has not changed meanwhile, so it runs beside live traffic.
   */
  int reencrypt() {
    record Row(String owner, String instance, long keyId, String ciphertext) {}
    long primary = cipher.primaryKeyId();
    List<Row> stale = jdbi.withHandle(h -> h.createQuery(
            "SELECT owner_id, instance, key_id, ciphertext FROM credential WHERE key_id <> :primary")
        .bind("primary", primary)
        .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list());
    int done = 0;
    for (Row row : stale) {
      String plain = cipher.open(row.owner(), row.instance(), row.keyId(), row.ciphertext());
      CredentialCipher.Sealed sealed = cipher.seal(row.owner(), row.instance(), plain);
      done += jdbi.withHandle(h -> h.createUpdate("UPDATE credential SET key_id = :key_id, ciphertext = :new "
              + "WHERE owner_id = :owner AND instance = :instance AND key_id = :old_key AND ciphertext = :old")
          .bind("key_id", sealed.keyId()).bind("new", sealed.ciphertext())
          .bind("owner", row.owner()).bind("instance", row.instance())
          .bind("old_key", row.keyId()).bind("old", row.ciphertext()).execute());
    }
    return done;
  }

  private static StoredCredential listing(ResultSet rs) throws SQLException {
    Instant created = Instant.ofEpochMilli(rs.getLong("created_at"));
    return new StoredCredential(rs.getString("owner_id"), rs.getString("instance"), rs.getString("masked"), created,
        Rows.instant(rs, "last_used_at"));
  }
}
