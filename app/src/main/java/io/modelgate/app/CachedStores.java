package io.modelgate.app;

import io.modelgate.app.SharedState.Part;
import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.User;
import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaPolicy;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.routing.ModelAlias;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admin-state store ports served from memory through {@link SharedState}: each reads through to its store once
 * and writes through to it always. Only what calls change on their own is not kept: a conversation's pinned model,
 * and when a provider was last discovered. Lists are kept as immutable copies.
 */
final class CachedStores {
  private CachedStores() {}

  /** The key of one read: the method's name and its arguments (some may be null). */
  private static List<@Nullable Object> key(@Nullable Object... parts) {
    return Arrays.asList(parts);
  }

  static final class Accounts implements AccountStore {
    private final AccountStore store;
    private final SharedState state;

    Accounts(AccountStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public void saveUser(User user) { state.update(Part.ACCOUNTS, () -> store.saveUser(user)); }
    @Override public Optional<User> findUser(String id) {
      return state.read(Part.ACCOUNTS, key("findUser", id), () -> store.findUser(id));
    }
    @Override public List<User> listUsers() {
      return state.read(Part.ACCOUNTS, key("listUsers"), () -> List.copyOf(store.listUsers()));
    }
    @Override public void saveOrg(Org org) { state.update(Part.ACCOUNTS, () -> store.saveOrg(org)); }
    @Override public Optional<Org> findOrg(String id) {
      return state.read(Part.ACCOUNTS, key("findOrg", id), () -> store.findOrg(id));
    }
    @Override public List<Org> listOrgs() {
      return state.read(Part.ACCOUNTS, key("listOrgs"), () -> List.copyOf(store.listOrgs()));
    }
    @Override public void saveKey(GatewayKey key) { state.update(Part.ACCOUNTS, () -> store.saveKey(key)); }
    @Override public Optional<GatewayKey> findKey(String prefix) {
      return state.read(Part.ACCOUNTS, key("findKey", prefix), () -> store.findKey(prefix));
    }
    @Override public List<GatewayKey> listKeys(String userId) {
      return state.read(Part.ACCOUNTS, key("listKeys", userId), () -> List.copyOf(store.listKeys(userId)));
    }
    @Override public boolean revokeKey(String prefix, Instant when) {
      return state.write(Part.ACCOUNTS, () -> store.revokeKey(prefix, when));
    }
  }

  static final class Catalog implements CatalogStore {
    private final CatalogStore store;
    private final SharedState state;

    Catalog(CatalogStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public Optional<CatalogEntry> find(CatalogKey key) {
      return state.read(Part.CATALOG, key("find", key), () -> store.find(key));
    }
    @Override public List<CatalogEntry> findById(ModelId id) {
      return state.read(Part.CATALOG, key("findById", id), () -> List.copyOf(store.findById(id)));
    }
    @Override public List<CatalogEntry> list(@Nullable String instance, @Nullable ModelCategory category) {
      return state.read(Part.CATALOG, key("list", instance, category),
          () -> List.copyOf(store.list(instance, category)));
    }
    @Override public CatalogEntry upsertDiscovered(CatalogEntry entry) {
      return state.write(Part.CATALOG, () -> store.upsertDiscovered(entry));
    }
    @Override public void save(CatalogEntry entry) { state.update(Part.CATALOG, () -> store.save(entry)); }
    @Override public boolean delete(CatalogKey key) { return state.write(Part.CATALOG, () -> store.delete(key)); }
  }

  static final class Settings implements SettingsStore {
    private final SettingsStore store;
    private final SharedState state;

    Settings(SettingsStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public Optional<ModelId> globalDefault(ModelCategory category) {
      return state.read(Part.SETTINGS, key("globalDefault", category), () -> store.globalDefault(category));
    }
    @Override public void setGlobalDefault(ModelCategory category, @Nullable ModelId model) {
      state.update(Part.SETTINGS, () -> store.setGlobalDefault(category, model));
    }
    @Override public Optional<ModelId> userDefault(String userId, ModelCategory category) {
      return state.read(Part.SETTINGS, key("userDefault", userId, category),
          () -> store.userDefault(userId, category));
    }
    @Override public void setUserDefault(String userId, ModelCategory category, @Nullable ModelId model) {
      state.update(Part.SETTINGS, () -> store.setUserDefault(userId, category, model));
    }
    @Override public Map<ModelCategory, ModelId> userDefaults(String userId) {
      return state.read(Part.SETTINGS, key("userDefaults", userId), () -> Map.copyOf(store.userDefaults(userId)));
    }
    @Override public Optional<ModelId> orgDefault(String orgId, ModelCategory category) {
      return state.read(Part.SETTINGS, key("orgDefault", orgId, category), () -> store.orgDefault(orgId, category));
    }
    @Override public void setOrgDefault(String orgId, ModelCategory category, @Nullable ModelId model) {
      state.update(Part.SETTINGS, () -> store.setOrgDefault(orgId, category, model));
    }
    @Override public Optional<ModelId> agentDefault(String agentId, ModelCategory category) {
      return state.read(Part.SETTINGS, key("agentDefault", agentId, category),
          () -> store.agentDefault(agentId, category));
    }
    @Override public void setAgentDefault(String agentId, ModelCategory category, @Nullable ModelId model) {
      state.update(Part.SETTINGS, () -> store.setAgentDefault(agentId, category, model));
    }
    /** A conversation's pin changes with its calls: always read from the store. */
    @Override public Optional<ModelId> pinnedModel(Conversation conversation) {
      return store.pinnedModel(conversation);
    }
    @Override public void pin(Conversation conversation, @Nullable ModelId model) {
      store.pin(conversation, model);
    }
    @Override public int replaceModel(ModelId from, ModelId to) {
      return state.write(Part.SETTINGS, () -> store.replaceModel(from, to));
    }
  }

  static final class Migrations implements MigrationStore {
    private final MigrationStore store;
    private final SharedState state;

    Migrations(MigrationStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public void save(ModelMigration migration) {
      state.update(Part.MIGRATIONS, () -> store.save(migration));
    }
    @Override public Optional<ModelMigration> from(ModelId id) {
      return state.read(Part.MIGRATIONS, key("from", id), () -> store.from(id));
    }
    @Override public List<ModelMigration> list() {
      return state.read(Part.MIGRATIONS, key("list"), () -> List.copyOf(store.list()));
    }
  }

  static final class Aliases implements AliasStore {
    private final AliasStore store;
    private final SharedState state;

    Aliases(AliasStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public Optional<ModelAlias> find(String name) {
      return state.read(Part.ALIASES, key("find", name), () -> store.find(name));
    }
    @Override public List<ModelAlias> list() {
      return state.read(Part.ALIASES, key("list"), () -> List.copyOf(store.list()));
    }
    @Override public void save(ModelAlias alias) { state.update(Part.ALIASES, () -> store.save(alias)); }
    @Override public boolean delete(String name) { return state.write(Part.ALIASES, () -> store.delete(name)); }
    @Override public int replaceModel(ModelId from, ModelId to) {
      return state.write(Part.ALIASES, () -> store.replaceModel(from, to));
    }
  }

  static final class QuotaPolicies implements QuotaPolicyStore {
    private final QuotaPolicyStore store;
    private final SharedState state;

    QuotaPolicies(QuotaPolicyStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public Optional<QuotaLimits> get(QuotaSubject subject) {
      return state.read(Part.QUOTA_POLICIES, key("get", subject), () -> store.get(subject));
    }
    @Override public void set(QuotaSubject subject, QuotaLimits limits) {
      state.update(Part.QUOTA_POLICIES, () -> store.set(subject, limits));
    }
    @Override public boolean delete(QuotaSubject subject) {
      return state.write(Part.QUOTA_POLICIES, () -> store.delete(subject));
    }
    @Override public List<QuotaPolicy> list() {
      return state.read(Part.QUOTA_POLICIES, key("list"), () -> List.copyOf(store.list()));
    }
  }

  static final class Providers implements ProviderRegistry {
    private final ProviderRegistry store;
    private final SharedState state;

    Providers(ProviderRegistry store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public List<ProviderInstance> list() {
      return state.read(Part.PROVIDERS, key("list"), () -> List.copyOf(store.list()));
    }
    @Override public Optional<ProviderInstance> find(String id) {
      return state.read(Part.PROVIDERS, key("find", id), () -> store.find(id));
    }
    @Override public void save(ProviderInstance instance) { state.update(Part.PROVIDERS, () -> store.save(instance)); }
    @Override public boolean remove(String id) { return state.write(Part.PROVIDERS, () -> store.remove(id)); }
    /** Discovery bookkeeping, read and written by discovery alone: always from the store. */
    @Override public Optional<Instant> lastDiscovery(String id, ModelCategory category) {
      return store.lastDiscovery(id, category);
    }
    @Override public void markDiscovered(String id, ModelCategory category, Instant when) {
      store.markDiscovered(id, category, when);
    }
  }

  static final class ProviderConfigs implements ProviderConfigStore {
    private final ProviderConfigStore store;
    private final SharedState state;

    ProviderConfigs(ProviderConfigStore store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    @Override public void save(UserProviderConfig config) {
      state.update(Part.PROVIDER_CONFIGS, () -> store.save(config));
    }
    @Override public Optional<UserProviderConfig> find(String userId, String provider) {
      return state.read(Part.PROVIDER_CONFIGS, key("find", userId, provider), () -> store.find(userId, provider));
    }
    @Override public List<UserProviderConfig> list(String userId) {
      return state.read(Part.PROVIDER_CONFIGS, key("list", userId), () -> List.copyOf(store.list(userId)));
    }
    @Override public boolean delete(String userId, String provider) {
      return state.write(Part.PROVIDER_CONFIGS, () -> store.delete(userId, provider));
    }
  }

  /**
   * Keys served from memory too; but reading a key through the store stamps when it was last used, so each key is
   * still read through the store (and the stamp written) once a minute per replica — {@link #STAMP_EVERY} — and
   * its first use always is.
   */
  static final class Credentials implements CredentialVault {
    static final Duration STAMP_EVERY = Duration.ofMinutes(1);

    private final CredentialVault store;
    private final SharedState state;
    /** When this replica last read each key through the store (System.nanoTime). */
    private final Map<List<@Nullable Object>, Long> stamped = new ConcurrentHashMap<>();

    Credentials(CredentialVault store, SharedState state) {
      this.store = store;
      this.state = state;
    }

    /** {@code read} from memory, or through the store (which stamps the key's use) when the last stamp is old. */
    private Optional<Secret> used(List<@Nullable Object> key, Supplier<Optional<Secret>> read) {
      long now = System.nanoTime();
      Long last = stamped.get(key);
      if (last == null || now - last > STAMP_EVERY.toNanos()) {
        stamped.put(key, now);
        return state.write(Part.CREDENTIALS, read);
      }
      return state.read(Part.CREDENTIALS, key, read);
    }

    @Override public StoredCredential put(String owner, String instance, Secret key) {
      return state.write(Part.CREDENTIALS, () -> store.put(owner, instance, key));
    }
    @Override public StoredCredential add(String owner, String instance, @Nullable String name, Secret key) {
      return state.write(Part.CREDENTIALS, () -> store.add(owner, instance, name, key));
    }
    @Override public Optional<Secret> get(String owner, String instance) {
      return used(CachedStores.key("get", owner, instance), () -> store.get(owner, instance));
    }
    @Override public Optional<Secret> key(String owner, long id) {
      return used(CachedStores.key("key", owner, id), () -> store.key(owner, id));
    }
    @Override public List<StoredCredential> list(String owner) {
      return state.read(Part.CREDENTIALS, CachedStores.key("list", owner), () -> List.copyOf(store.list(owner)));
    }
    @Override public boolean remove(String owner, String instance) {
      return state.write(Part.CREDENTIALS, () -> store.remove(owner, instance));
    }
    @Override public boolean removeKey(String owner, long id) {
      return state.write(Part.CREDENTIALS, () -> store.removeKey(owner, id));
    }
  }
}
