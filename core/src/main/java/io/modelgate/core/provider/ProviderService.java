package io.modelgate.core.provider;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Adds, changes and removes providers (configured provider instances) for an admin, the one place these rules
 * live, whichever door the admin came through:
 * <ul>
 *   <li>A key given with a provider goes to the credential vault (held by the provider's owner, or shared) and the
 *       provider then reads its key from there; the key never comes back out.
 *   <li>A provider whose key comes from an environment variable never takes a stored key: that is refused, naming
 *       the variable, because the stored key would be silently ignored or would hide the configured one.
 *   <li>A provider that configuration names (the environment or {@code modelgate.yaml}) is not removed while it is
 *       enabled: configuration would add it again at the next start. It may be changed and disabled.
 * </ul>
 * Every change is written to the audit log ({@code provider.add}, {@code provider.update},
 * {@code provider.rotate-key}, {@code provider.remove}), never a key's value. Thread-safe.
 */
public final class ProviderService {
  private final ProviderRegistry registry;
  private final CredentialVault vault;
  private final AccountStore accounts;
  private final AuditLog audit;
  private final InstantSource clock;
  private final OutboundPolicy outbound;

  public ProviderService(ProviderRegistry registry, CredentialVault vault, AccountStore accounts, AuditLog audit,
      InstantSource clock) {
    this(registry, vault, accounts, audit, clock, new OutboundPolicy(Map.of()));
  }

  @Inject
  public ProviderService(ProviderRegistry registry, CredentialVault vault, AccountStore accounts, AuditLog audit,
      InstantSource clock, OutboundPolicy outbound) {
    this.outbound = outbound;
    this.registry = registry;
    this.vault = vault;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  public List<ProviderInstance> list() {
    return registry.list();
  }

  /** The provider {@code id}; a {@link ModelNotFoundException} naming it when there is none. */
  public ProviderInstance get(String id) {
    return registry.find(id).orElseThrow(() -> new ModelNotFoundException("no provider '" + id + "'"));
  }

  /** Whether the provider has a shared (or its owner's) key: in the environment, or in the vault. */
  public boolean hasKey(ProviderInstance provider) {
    return provider.keyFromEnvironment()
        || vault.list(holder(provider)).stream().anyMatch(c -> c.instance().equals(provider.id()));
  }

  /** Adds a provider; its {@code key}, when given, goes to the vault. */
  public ProviderInstance add(String actor, String id, ProviderKind kind, ProviderChanges changes,
      @Nullable Secret key) {
    if (id == null || !ModelId.isInstanceId(id)) {
      throw new InvalidRequestException("'id' must be 1-64 characters of lower-case letters, digits and '-'", "id");
    }
    if (kind == null) {
      throw new InvalidRequestException("'kind' is required", "kind");
    }
    ProviderInstance existing = registry.find(id).orElse(null);
    if (existing != null) {
      throw new InvalidRequestException("provider '" + id + "' already exists"
          + (existing.configured() ? " (it comes from configuration)" : "") + "; update it instead", "id");
    }
    ProviderInstance.Builder b = ProviderInstance.builder(id, kind);
    ProviderInstance added = build(b, changes, key, null);
    if (!isAdmin(actor)) {
      // A member's provider connects only to public addresses (issue 13: no internal port scans through us).
      Map<String, String> options = new HashMap<>(added.options());
      options.put(OutboundPolicy.OPTION, OutboundPolicy.PUBLIC_ONLY);
      added = added.newBuilder().options(options).build();
    }
    if (outbound.guards(added)) {
      outbound.checkBaseUrl(added.baseUrl(), ProviderService::resolve);
    }
    save(added, key);
    audit.append(new AuditEvent(clock.instant(), actor, "provider.add", id, null, summary(added)));
    return added;
  }

  /**
   * Changes a provider; a non-null {@code key} replaces its stored key (refused when its key comes from the
   * environment). Changing only the key is recorded as {@code provider.rotate-key}.
   */
  public ProviderInstance update(String actor, String id, ProviderChanges changes, @Nullable Secret key) {
    ProviderInstance existing = get(id);
    if (key != null && existing.credentialRef() instanceof CredentialRef.Env env) {
      throw new InvalidRequestException("the key of provider '" + id + "' comes from " + env.variable()
          + " in the environment; change it there", "key");
    }
    ProviderInstance updated = build(existing.newBuilder(), changes, key, existing);
    save(updated, key);
    String action = changes.isEmpty() && key != null ? "provider.rotate-key" : "provider.update";
    audit.append(new AuditEvent(clock.instant(), actor, action, id, summary(existing), summary(updated)));
    return updated;
  }

  /** Replaces a provider's stored key; the same as an {@link #update} that changes nothing else. */
  public ProviderInstance rotateKey(String actor, String id, Secret key) {
    if (key == null) {
      throw new InvalidRequestException("a new key is required", "key");
    }
    return update(actor, id, ProviderChanges.NONE, key);
  }

  /**
   * Removes a provider and its stored key; refused for an enabled provider that configuration names (it would come
   * back at the next start).
   */
  public void remove(String actor, String id) {
    ProviderInstance existing = get(id);
    if (existing.configured() && existing.enabled()) {
      throw new InvalidRequestException("provider '" + id + "' comes from configuration (the environment or "
          + "modelgate.yaml) and would come back at the next start: remove it there, or disable it", "id");
    }
    registry.remove(id);
    vault.remove(holder(existing), id);
    audit.append(new AuditEvent(clock.instant(), actor, "provider.remove", id, summary(existing), null));
  }

  private ProviderInstance build(ProviderInstance.Builder b, ProviderChanges changes, @Nullable Secret key,
      @Nullable ProviderInstance existing) {
    if (changes.changesOwner() && changes.owner() != null && accounts.findUser(changes.owner()).isEmpty()) {
      throw new InvalidRequestException("'" + changes.owner() + "' is not a user", "owner");
    }
    changes.applyTo(b);
    if (key != null) {
      b.credentialRef(CredentialRef.vault());
    }
    ProviderInstance built;
    try {
      built = b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), null);
    }
    if (existing != null && existing.configured() && !built.configured()) {
      // Replaced options keep the mark that the provider comes from configuration.
      Map<String, String> options = new HashMap<>(built.options());
      options.put(ProviderInstance.ORIGIN_OPTION, ProviderInstance.CONFIGURED);
      built = built.newBuilder().options(options).build();
    }
    return built;
  }

  /** Whether {@code actor} is an admin, or the operator (the CLI, configuration), who is no user at all. */
  private boolean isAdmin(String actor) {
    return accounts.findUser(actor).map(u -> u.role() == io.modelgate.core.account.AccountRole.ADMIN).orElse(true);
  }

  private static java.util.List<java.net.InetAddress> resolve(String host) {
    try {
      return java.util.List.of(java.net.InetAddress.getAllByName(host));
    } catch (java.net.UnknownHostException e) {
      return java.util.List.of();
    }
  }

  private void save(ProviderInstance provider, @Nullable Secret key) {
    registry.save(provider);
    if (key != null) {
      vault.put(holder(provider), provider.id(), key);
    }
  }

  private static String holder(ProviderInstance provider) {
    return provider.owner() != null ? provider.owner() : CredentialVault.SHARED;
  }

  /** What the audit log records of a provider: never a key, only where the key comes from. */
  private static String summary(ProviderInstance p) {
    return "{\"kind\":\"" + p.kind().wireName() + "\",\"enabled\":" + p.enabled()
        + ",\"base_url\":" + AuditEvent.jsonString(p.baseUrl()) + ",\"owner\":" + AuditEvent.jsonString(p.owner())
        + ",\"credential\":" + AuditEvent.jsonString(p.credentialRef() == null ? null : p.credentialRef().text()) + "}";
  }

}
