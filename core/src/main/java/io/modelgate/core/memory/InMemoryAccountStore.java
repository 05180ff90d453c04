package io.modelgate.core.memory;

import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.User;
import io.modelgate.core.port.AccountStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link AccountStore} in maps: nothing survives the process. */
public final class InMemoryAccountStore implements AccountStore {
  private final ConcurrentMap<String, User> users = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Org> orgs = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, GatewayKey> keys = new ConcurrentHashMap<>();

  @Override
  public void saveUser(User user) {
    users.put(Objects.requireNonNull(user, "'user' must not be null").id(), user);
  }

  @Override
  public Optional<User> findUser(String id) {
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public List<User> listUsers() {
    return users.values().stream().sorted(Comparator.comparing(User::createdAt).thenComparing(User::id)).toList();
  }

  @Override
  public void saveOrg(Org org) {
    orgs.put(Objects.requireNonNull(org, "'org' must not be null").id(), org);
  }

  @Override
  public Optional<Org> findOrg(String id) {
    return Optional.ofNullable(orgs.get(id));
  }

  @Override
  public List<Org> listOrgs() {
    return orgs.values().stream().sorted(Comparator.comparing(Org::createdAt).thenComparing(Org::id)).toList();
  }

  @Override
  public void saveKey(GatewayKey key) {
    keys.put(Objects.requireNonNull(key, "'key' must not be null").prefix(), key);
  }

  @Override
  public Optional<GatewayKey> findKey(String prefix) {
    return Optional.ofNullable(keys.get(prefix));
  }

  @Override
  public List<GatewayKey> listKeys(String userId) {
    return keys.values().stream().filter(k -> k.userId().equals(userId))
        .sorted(Comparator.comparing(GatewayKey::createdAt).thenComparing(GatewayKey::prefix)).toList();
  }

  @Override
  public boolean revokeKey(String prefix, Instant when) {
    Objects.requireNonNull(when, "'when' must not be null");
    GatewayKey updated = keys.computeIfPresent(prefix, (p, k) -> k.revoked() ? k
        : new GatewayKey(k.prefix(), k.hash(), k.userId(), k.name(), k.createdAt(), k.lastUsedAt(), when));
    return updated != null;
  }
}
