package io.modelgate.core.account;

import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AuditLog;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Users, orgs and gateway keys. A key reads {@code mg_<8 hex>_<32 base62>}: the first part is its visible prefix,
 * and only a SHA-256 of the whole key is stored (the key has 190 bits of randomness, so a slow hash adds nothing).
 * Every change is written to the audit log, never a key's value. Thread-safe.
 */
public final class AccountService {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  public static final String BOOTSTRAP_ADMIN = "admin";

  private final AccountStore store;
  private final AuditLog audit;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final MessageDigest sha256 = newSha256();

  @Inject
  public AccountService(AccountStore store, AuditLog audit, InstantSource clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  public User createUser(String actor, String name, AccountRole role, @Nullable String orgId) {
    if (orgId != null && store.findOrg(orgId).isEmpty()) {
      throw new InvalidRequestException("unknown org '" + orgId + "'", "org_id");
    }
    User user = new User("usr_" + shortId(), name, role, orgId, clock.instant());
    store.saveUser(user);
    audit.append(new AuditEvent(clock.instant(), actor, "user.create", user.id(), null,
        "{\"name\":" + AuditEvent.jsonString(name) + ",\"role\":\"" + role.wireName() + "\"}"));
    return user;
  }

  public Org createOrg(String actor, String name) {
    Org org = new Org("org_" + shortId(), name, List.of(), clock.instant());
    store.saveOrg(org);
    audit.append(new AuditEvent(clock.instant(), actor, "org.create", org.id(), null,
        "{\"name\":" + AuditEvent.jsonString(name) + "}"));
    return org;
  }

  public Org setAllowedModels(String actor, String orgId, List<String> patterns) {
    Org org = store.findOrg(orgId)
        .orElseThrow(() -> new InvalidRequestException("unknown org '" + orgId + "'", "org_id"));
    Org updated;
    try {
      updated = org.withAllowedModels(patterns);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), "allowed_models");
    }
    store.saveOrg(updated);
    audit.append(new AuditEvent(clock.instant(), actor, "org.allowed-models", orgId,
        listJson(org.allowedModels()), listJson(updated.allowedModels())));
    return updated;
  }

  /** Creates a gateway key for {@code userId}; the returned value is shown once and never stored. */
  public IssuedKey issueKey(String actor, String userId, @Nullable String name) {
    store.findUser(userId).orElseThrow(() -> new InvalidRequestException("unknown user '" + userId + "'", "user_id"));
    byte[] prefixBytes = new byte[4];
    random.nextBytes(prefixBytes);
    String prefix = "mg_" + HexFormat.of().formatHex(prefixBytes);
    StringBuilder secret = new StringBuilder(prefix).append('_');
    for (int i = 0; i < 32; i++) {
      secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return register(actor, userId, name, Secret.of(secret.toString()));
  }

  /** Stores a key whose value was chosen elsewhere ({@code MODELGATE_ADMIN_KEY}); it must look like ours. */
  public IssuedKey registerKey(String actor, String userId, @Nullable String name, Secret key) {
    if (prefixOf(key.reveal()).isEmpty()) {
      throw new InvalidRequestException("a gateway key must look like mg_<8 hex>_<at least 16 characters>", "key");
    }
    return register(actor, userId, name, key);
  }

  private IssuedKey register(String actor, String userId, @Nullable String name, Secret key) {
    String prefix = prefixOf(key.reveal()).orElseThrow();
    GatewayKey stored = new GatewayKey(prefix, hash(key.reveal()), userId, name, clock.instant(), null, null);
    store.saveKey(stored);
    audit.append(new AuditEvent(clock.instant(), actor, "key.create", prefix, null,
        "{\"user\":" + AuditEvent.jsonString(userId) + "}"));
    return new IssuedKey(key, stored);
  }

  public boolean revokeKey(String actor, String prefix) {
    boolean revoked = store.revokeKey(prefix, clock.instant());
    if (revoked) {
      audit.append(new AuditEvent(clock.instant(), actor, "key.revoke", prefix, null, null));
    }
    return revoked;
  }

  /**
   * The caller behind a bearer key. Throws {@link AuthenticationException} for a missing, malformed, unknown or
   * revoked key; the message never repeats the key.
   */
  public CallerContext authenticate(@Nullable String bearer) {
    if (bearer == null || bearer.isBlank()) {
      throw new AuthenticationException("missing gateway key: send 'Authorization: Bearer <key>'");
    }
    String value = bearer.strip();
    Optional<String> prefix = prefixOf(value);
    Optional<GatewayKey> key = prefix.flatMap(store::findKey);
    if (key.isEmpty() || !MessageDigest.isEqual(key.get().hash().getBytes(StandardCharsets.US_ASCII),
        hash(value).getBytes(StandardCharsets.US_ASCII))) {
      throw new AuthenticationException("invalid gateway key");
    }
    if (key.get().revoked()) {
      throw new AuthenticationException("gateway key " + key.get().prefix() + " was revoked");
    }
    return callerOf(key.get());
  }

  /**
   * The caller behind the gateway key with {@code prefix}, as long as that key is still valid: a console session
   * lives only as long as the key that signed it in. Throws {@link AuthenticationException} otherwise.
   */
  public CallerContext callerOfKey(String prefix) {
    GatewayKey key = store.findKey(prefix).orElseThrow(() -> new AuthenticationException("invalid gateway key"));
    if (key.revoked()) {
      throw new AuthenticationException("gateway key " + key.prefix() + " was revoked");
    }
    return callerOf(key);
  }

  private CallerContext callerOf(GatewayKey key) {
    User user = store.findUser(key.userId())
        .orElseThrow(() -> new AuthenticationException("the key's user no longer exists"));
    return new CallerContext(user.id(), user.orgId(), key.prefix(), null, user.role() == AccountRole.ADMIN);
  }

  /**
   * On first start: when there is no user yet, creates the admin user and an admin key — {@code configured}
   * ({@code MODELGATE_ADMIN_KEY}) if given, else a new one. Returns the key when one was made, so it can be shown
   * once. With {@code configured} set on later starts, makes sure that key exists for the admin.
   */
  public Optional<IssuedKey> bootstrap(@Nullable Secret configured) {
    boolean fresh = store.listUsers().isEmpty();
    if (!fresh) {
      if (configured != null) {
        Optional<String> prefix = prefixOf(configured.reveal());
        if (prefix.isPresent() && store.findKey(prefix.get()).isEmpty()) {
          User admin = store.listUsers().stream().filter(u -> u.role() == AccountRole.ADMIN).findFirst()
              .orElseGet(() -> createUser("system", BOOTSTRAP_ADMIN, AccountRole.ADMIN, null));
          return Optional.of(registerKey("system", admin.id(), "bootstrap", configured));
        }
      }
      return Optional.empty();
    }
    User admin = createUser("system", BOOTSTRAP_ADMIN, AccountRole.ADMIN, null);
    return Optional.of(configured != null ? registerKey("system", admin.id(), "bootstrap", configured)
        : issueKey("system", admin.id(), "bootstrap"));
  }

  public Optional<User> user(String id) {
    return store.findUser(id);
  }

  public List<User> users() {
    return store.listUsers();
  }

  public Optional<Org> org(String id) {
    return store.findOrg(id);
  }

  public List<Org> orgs() {
    return store.listOrgs();
  }

  public List<GatewayKey> keys(String userId) {
    return store.listKeys(userId);
  }

  public Optional<GatewayKey> key(String prefix) {
    return store.findKey(prefix);
  }

  static Optional<String> prefixOf(String key) {
    if (key.length() >= 28 && key.startsWith("mg_") && key.charAt(11) == '_'
        && key.substring(3, 11).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Optional.of(key.substring(0, 11));
    }
    return Optional.empty();
  }

  /** The stored form of a key: the hex SHA-256 of its text. */
  String hash(String key) {
    return HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A new SHA-256 digest, copied from {@link #sha256}, which is never used itself (so copies taken at once are
   * independent): {@code MessageDigest.getInstance} looks the algorithm up among the security providers and checks
   * it against the algorithm constraints on every call, ~0.6% of the gateway's CPU samples at c=256 (JFR), once a
   * call for the key's hash.
   */
  private MessageDigest sha256() {
    try {
      return (MessageDigest) sha256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256(); // a provider whose digest cannot be copied
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }


  private static String listJson(List<String> values) {
    return values.stream().map(AuditEvent::jsonString).collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }
}
