package io.modelgate.core.port;

import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, orgs, org-level allowed models and gateway API keys (kept as hashes with a visible prefix, never in
 * clear). Thread-safe.
 */
public interface AccountStore {
  void saveUser(User user);

  Optional<User> findUser(String id);

  List<User> listUsers();

  void saveOrg(Org org);

  Optional<Org> findOrg(String id);

  List<Org> listOrgs();

  void saveKey(GatewayKey key);

  Optional<GatewayKey> findKey(String prefix);

  List<GatewayKey> listKeys(String userId);

  /** Marks the key revoked at {@code when}; returns false if there is no such key. */
  boolean revokeKey(String prefix, Instant when);
}
