package io.modelgate.persistence;

import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.User;
import io.modelgate.core.port.AccountStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Users in {@code user_account}, orgs in {@code org} (allowed models as a JSON list), gateway keys in
 * {@code gateway_key}: the visible prefix and the hash the issuing service made, never the key.
 */
final class JdbiAccountStore implements AccountStore {
  private final Jdbi jdbi;

  JdbiAccountStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void saveUser(User user) {
    Objects.requireNonNull(user, "'user' must not be null");
    Transactions.upsert(jdbi,
        h -> h.createUpdate("UPDATE user_account SET name = :name, role_name = :role, org_id = :org, "
                + "created_at = :created WHERE id = :id")
            .bindMap(userValues(user)).execute(),
        h -> h.createUpdate("INSERT INTO user_account (id, name, role_name, org_id, created_at) "
                + "VALUES (:id, :name, :role, :org, :created)")
            .bindMap(userValues(user)).execute());
  }

  private static java.util.Map<String, Object> userValues(User user) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("id", user.id());
    values.put("name", user.name());
    values.put("role", user.role().name());
    values.put("org", user.orgId());
    values.put("created", user.createdAt().toEpochMilli());
    return values;
  }

  @Override
  public Optional<User> findUser(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM user_account WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> user(rs)).findOne());
  }

  @Override
  public List<User> listUsers() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM user_account").map((rs, ctx) -> user(rs)).list())
        .stream().sorted(Comparator.comparing(User::createdAt).thenComparing(User::id)).toList();
  }

  @Override
  public void saveOrg(Org org) {
    Objects.requireNonNull(org, "'org' must not be null");
    String allowed = Json.write(org.allowedModels());
    Transactions.upsert(jdbi,
        h -> h.createUpdate("UPDATE org SET name = :name, allowed_models = :allowed, created_at = :created "
                + "WHERE id = :id")
            .bind("id", org.id()).bind("name", org.name()).bind("allowed", allowed)
            .bind("created", org.createdAt().toEpochMilli()).execute(),
        h -> h.createUpdate("INSERT INTO org (id, name, allowed_models, created_at) "
                + "VALUES (:id, :name, :allowed, :created)")
            .bind("id", org.id()).bind("name", org.name()).bind("allowed", allowed)
            .bind("created", org.createdAt().toEpochMilli()).execute());
  }

  @Override
  public Optional<Org> findOrg(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM org WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> org(rs)).findOne());
  }

  @Override
  public List<Org> listOrgs() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM org").map((rs, ctx) -> org(rs)).list())
        .stream().sorted(Comparator.comparing(Org::createdAt).thenComparing(Org::id)).toList();
  }

  @Override
  public void saveKey(GatewayKey key) {
    Objects.requireNonNull(key, "'key' must not be null");
    Transactions.upsert(jdbi,
        h -> h.createUpdate("UPDATE gateway_key SET key_hash = :hash, user_id = :user, name = :name, "
                + "created_at = :created, last_used_at = :used, revoked_at = :revoked WHERE key_prefix = :prefix")
            .bindMap(keyValues(key)).execute(),
        h -> h.createUpdate("INSERT INTO gateway_key (key_prefix, key_hash, user_id, name, created_at, "
                + "last_used_at, revoked_at) VALUES (:prefix, :hash, :user, :name, :created, :used, :revoked)")
            .bindMap(keyValues(key)).execute());
  }

  private static java.util.Map<String, Object> keyValues(GatewayKey key) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("prefix", key.prefix());
    values.put("hash", key.hash());
    values.put("user", key.userId());
    values.put("name", key.name());
    values.put("created", key.createdAt().toEpochMilli());
    values.put("used", Rows.millis(key.lastUsedAt()));
    values.put("revoked", Rows.millis(key.revokedAt()));
    return values;
  }

  @Override
  public Optional<GatewayKey> findKey(String prefix) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM gateway_key WHERE key_prefix = :prefix")
        .bind("prefix", prefix).map((rs, ctx) -> key(rs)).findOne());
  }

  @Override
  public List<GatewayKey> listKeys(String userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM gateway_key WHERE user_id = :user")
        .bind("user", userId).map((rs, ctx) -> key(rs)).list())
        .stream().sorted(Comparator.comparing(GatewayKey::createdAt).thenComparing(GatewayKey::prefix)).toList();
  }

  @Override
  public boolean revokeKey(String prefix, Instant when) {
    Objects.requireNonNull(when, "'when' must not be null");
    return jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE gateway_key SET revoked_at = :when WHERE key_prefix = :prefix AND revoked_at IS NULL")
          .bind("when", when.toEpochMilli()).bind("prefix", prefix).execute();
      return h.createQuery("SELECT COUNT(*) FROM gateway_key WHERE key_prefix = :prefix").bind("prefix", prefix)
          .mapTo(Long.class).one() > 0;
    });
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getString("id"), rs.getString("name"), AccountRole.valueOf(rs.getString("role_name")),
        rs.getString("org_id"), Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static Org org(ResultSet rs) throws SQLException {
    return new Org(rs.getString("id"), rs.getString("name"), Json.readStrings(rs.getString("allowed_models")),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static GatewayKey key(ResultSet rs) throws SQLException {
    return new GatewayKey(rs.getString("key_prefix"), rs.getString("key_hash"), rs.getString("user_id"),
        rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")), Rows.instant(rs, "last_used_at"),
        Rows.instant(rs, "revoked_at"));
  }
}
