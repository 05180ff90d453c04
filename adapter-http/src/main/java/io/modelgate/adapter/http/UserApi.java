package io.modelgate.adapter.http;

import io.helidon.http.Method;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.User;
import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.provider.ProviderChanges;
import io.modelgate.core.provider.ProviderService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The caller's own data: their provider keys (listed masked), provider configs and default models. Every read and
 * write is scoped to the authenticated user; nothing here reaches another user's data.
 */
@Singleton
final class UserApi {
  private static final String TAG = "user";

  private final AccountService accounts;
  private final CredentialVault vault;
  private final ProviderConfigStore configs;
  private final SettingsStore settings;
  private final ModelAccess access;
  private final ProviderRegistry registry;
  private final ModelCatalog catalog;
  private final ProviderService providers;

  @Inject
  UserApi(AccountService accounts, CredentialVault vault, ProviderConfigStore configs, SettingsStore settings,
      ModelAccess access, ProviderRegistry registry, ModelCatalog catalog, ProviderService providers) {
    this.accounts = accounts;
    this.vault = vault;
    this.configs = configs;
    this.settings = settings;
    this.access = access;
    this.registry = registry;
    this.catalog = catalog;
    this.providers = providers;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/api/users/me", user, TAG, "Who the key belongs to", this::me),
        new Endpoint(Method.GET, "/api/users/me/preferences", user, TAG, "The caller's default model per category",
            this::preferences),
        new Endpoint(Method.PUT, "/api/users/me/preferences", user, TAG,
            "Set the caller's default models: { default_models: { text, embedding, tts } }", this::setPreferences),
        new Endpoint(Method.GET, "/api/ai/api-keys", user, TAG, "The caller's own provider keys, masked",
            this::apiKeys),
        new Endpoint(Method.POST, "/api/ai/api-keys", user, TAG,
            "Store the caller's own key for a provider: { provider, key }; with { kind, base_url? } for a provider "
                + "nobody else configured, a private one of the caller's is created and its models discovered",
            this::addApiKey),
        new Endpoint(Method.DELETE, "/api/ai/api-keys/{provider}", user, TAG, "Remove the caller's key",
            this::removeApiKey),
        new Endpoint(Method.GET, "/api/ai/provider-configs", user, TAG, "The caller's provider configs",
            this::providerConfigs),
        new Endpoint(Method.POST, "/api/ai/provider-configs", user, TAG,
            "Save a provider config: { provider, key?, default_model?, temperature?, max_tokens?, is_default? }",
            this::saveProviderConfig));
  }

  private void me(Call call) {
    User user = accounts.user(call.principal()).orElseThrow(() -> new AccessDeniedException("no such user"));
    call.json(200, new AdminWire.Me(user.id(), user.name(), user.role().wireName(), user.orgId()));
  }

  private void preferences(Call call) {
    Map<String, String> defaults = new TreeMap<>();
    settings.userDefaults(call.principal()).forEach((c, m) -> defaults.put(c.wireName(), m.toString()));
    call.json(200, new AdminWire.Preferences(defaults));
  }

  private void setPreferences(Call call) {
    Fields body = call.body();
    Fields defaults = body.object("default_models");
    if (defaults == null) {
      throw body.invalid("default_models", "is required: { text, embedding, tts }");
    }
    for (String name : defaults.names()) {
      ModelCategory category = Params.category(name, "default_models." + name);
      String raw = defaults.string(name);
      ModelId model = raw == null || raw.isBlank() ? null : usableModel(call.caller(), raw, "default_models." + name);
      settings.setUserDefault(call.principal(), category, model);
    }
    preferences(call);
  }

  private ModelId usableModel(CallerContext caller, String raw, String field) {
    ModelId id = Params.modelId(raw, field);
    if (access.usable(caller, id).isEmpty()) {
      throw new ModelNotFoundException("model '" + id + "' does not exist or you may not use it");
    }
    return id;
  }

  private void apiKeys(Call call) {
    call.json(200, new AdminWire.Data(vault.list(call.principal()).stream().map(UserApi::keyView).toList()));
  }

  private void addApiKey(Call call) {
    Fields body = call.body();
    String id = body.requiredString("provider");
    String key = body.requiredString("key");
    Secret secret = Fields.checked(() -> Secret.of(key));
    String kind = body.string("kind");
    if (kind == null || registry.find(id).isPresent()) {
      ProviderInstance provider = provider(call.caller(), id);
      call.json(201, keyView(vault.put(call.principal(), provider.id(), secret)));
      return;
    }
    // A provider only this caller reaches with their own key: a private instance of theirs, whose models are
    // enabled for them alone and shown to nobody else.
    ProviderKind parsed = Fields.checked(() -> ProviderKind.parse(kind));
    providers.add(call.principal(), id, parsed, ProviderChanges.builder().baseUrl(body.string("base_url"))
        .owner(call.principal()).visibility(Visibility.PRIVATE).approvalPolicy(ApprovalPolicy.AUTO_ENABLE).build(),
        secret);
    StoredCredential stored = vault.list(call.principal()).stream().filter(c -> c.instance().equals(id))
        .findFirst().orElseThrow();
    catalog.discover(new DiscoveryRequest(id, null, true));
    call.json(201, keyView(stored));
  }

  private void removeApiKey(Call call) {
    if (!vault.remove(call.principal(), call.path("provider"))) {
      throw new ModelNotFoundException("you have no key for provider '" + call.path("provider") + "'");
    }
    call.noContent();
  }

  private void providerConfigs(Call call) {
    call.json(200, new AdminWire.Data(configs.list(call.principal()).stream()
        .map(c -> configView(call.principal(), c)).toList()));
  }

  private void saveProviderConfig(Call call) {
    Fields body = call.body();
    ProviderInstance provider = provider(call.caller(), body.requiredString("provider"));
    String rawModel = body.string("default_model");
    ModelId model = rawModel == null ? null : Params.modelId(rawModel.contains(":") ? rawModel
        : provider.id() + ":" + rawModel, "default_model");
    Double temperature = body.number("temperature");
    Integer maxTokens = body.smallInteger("max_tokens");
    boolean isDefault = body.bool("is_default", false);
    UserProviderConfig config = Fields.checked(() -> new UserProviderConfig(call.principal(), provider.id(), model,
        temperature, maxTokens, isDefault, Instant.now()));
    String key = body.string("key");
    if (key != null) {
      vault.put(call.principal(), provider.id(), Fields.checked(() -> Secret.of(key)));
    }
    configs.save(config);
    call.json(201, configView(call.principal(), config));
  }

  private ProviderInstance provider(CallerContext caller, String id) {
    if (!ModelId.isInstanceId(id)) {
      throw new InvalidRequestException("'provider' must be a provider instance id", "provider");
    }
    return access.visibleProvider(caller, id)
        .orElseThrow(() -> new InvalidRequestException("unknown provider '" + id + "'", "provider"));
  }

  private AdminWire.ProviderConfig configView(String user, UserProviderConfig c) {
    Optional<StoredCredential> key = vault.list(user).stream().filter(k -> k.instance().equals(c.provider()))
        .findFirst();
    return new AdminWire.ProviderConfig(c.provider(), c.defaultModel() == null ? null : c.defaultModel().toString(),
        c.temperature(), c.maxTokens(), c.isDefault(), key.isPresent(), key.map(StoredCredential::masked).orElse(null),
        c.updatedAt());
  }

  private static AdminWire.ProviderKey keyView(StoredCredential c) {
    return new AdminWire.ProviderKey(c.instance(), c.masked(), c.createdAt(), c.lastUsedAt());
  }
}
