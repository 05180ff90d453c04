package io.modelgate.adapter.http;

import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.User;
import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.CatalogDiscovery;
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
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.provider.ProviderChanges;
import io.modelgate.core.provider.ProviderKeys;
import io.modelgate.core.provider.ProviderService;
import io.modelgate.wire.AdminWire;
import io.modelgate.core.routing.ModelRouter;
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
  private final ProviderKeys providerKeys;
  private final ProviderConfigStore configs;
  private final SettingsStore settings;
  private final ModelRouter router;
  private final ProviderRegistry registry;
  private final CatalogDiscovery discovery;
  private final ProviderService providers;

  @Inject
  UserApi(AccountService accounts, ProviderKeys providerKeys, ProviderConfigStore configs, SettingsStore settings,
      ModelRouter router, ProviderRegistry registry, CatalogDiscovery discovery, ProviderService providers) {
    this.accounts = accounts;
    this.providerKeys = providerKeys;
    this.configs = configs;
    this.settings = settings;
    this.router = router;
    this.registry = registry;
    this.discovery = discovery;
    this.providers = providers;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/api/users/me", user, TAG, "Who the key belongs to", this::me)
            .reply(AdminWire.Me.class),
        new Endpoint(Method.GET, "/api/users/me/preferences", user, TAG, "The caller's default model per category",
            this::preferences),
        new Endpoint(Method.PUT, "/api/users/me/preferences", user, TAG,
            "Set the caller's default models: { default_models: { text, embedding, tts } }", this::setPreferences)
            .body(RequestWire.DefaultModels.class),
        new Endpoint(Method.GET, "/api/ai/api-keys", user, TAG, "The caller's own provider keys, masked",
            this::apiKeys),
        new Endpoint(Method.POST, "/api/ai/api-keys", user, TAG,
            "Store the caller's own key for a provider: { provider, key } replaces their key for it; seed 003's "
                + "{ provider, key_name, api_key } adds one more named key. With { kind, base_url?, name? } for a provider "
                + "nobody else configured, a private one of the caller's is created and its models discovered",
            this::addApiKey).body(RequestWire.OwnKey.class),
        new Endpoint(Method.DELETE, "/api/ai/api-keys/{key}", user, TAG,
            "Remove one of the caller's keys by its id, or every key of theirs for a provider by the provider's id",
            this::removeApiKey),
        new Endpoint(Method.GET, "/api/ai/provider-configs", user, TAG, "The caller's provider configs",
            this::providerConfigs),
        new Endpoint(Method.POST, "/api/ai/provider-configs", user, TAG,
            "Save a provider config: { provider, key?, default_model?, temperature?, max_tokens?, is_default? } or "
                + "seed 003's { provider_type, api_key_id, config: { model, temperature, max_tokens }, is_default }",
            this::saveProviderConfig).body(RequestWire.ProviderConfig.class),
        new Endpoint(Method.POST, "/api/ai/provider-config", user, TAG,
            "The same as POST /api/ai/provider-configs (seed 003 writes both)", this::saveProviderConfig)
            .body(RequestWire.ProviderConfig.class));
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
    if (router.permitted(caller, id).isEmpty()) {
      throw new ModelNotFoundException("model '" + id + "' does not exist or you may not use it");
    }
    return id;
  }

  private void apiKeys(Call call) {
    call.jsonWithNulls(200, new AdminWire.Data<>(providerKeys.list(call.principal()).stream().map(AdminWire::providerKey)
        .toList()));
  }

  private void addApiKey(Call call) {
    Fields body = call.body();
    String id = body.requiredString("provider");
    String keyField = body.has("api_key") ? "api_key" : "key";
    String key = body.requiredString(keyField);
    Secret secret = Fields.checked(() -> Secret.of(key));
    String name = body.string("key_name");
    String kind = body.string("kind");
    if (kind == null || registry.find(id).isPresent()) {
      ProviderInstance provider = provider(call.caller(), id);
      // A named key (seed 003) is kept beside the caller's others; an unnamed one is their key for the provider.
      StoredCredential stored = name != null || keyField.equals("api_key")
          ? providerKeys.add(call.principal(), call.principal(), provider.id(), name, secret)
          : providerKeys.replace(call.principal(), call.principal(), provider.id(), secret);
      call.jsonWithNulls(201, AdminWire.providerKey(stored));
      return;
    }
    // A provider only this caller reaches with their own key: a private instance of theirs, whose models are
    // enabled for them alone and shown to nobody else.
    ProviderKind parsed = Fields.checked(() -> ProviderKind.parse(kind));
    providers.add(call.principal(), id, parsed, ProviderChanges.builder().name(body.string("name")).baseUrl(body.string("base_url"))
        .owner(call.principal()).visibility(Visibility.PRIVATE).approvalPolicy(ApprovalPolicy.AUTO_ENABLE).build(),
        secret);
    StoredCredential stored = providerKeys.inUse(call.principal(), id).orElseThrow();
    discovery.discover(new DiscoveryRequest(id, null, true));
    call.jsonWithNulls(201, AdminWire.providerKey(stored));
  }

  private void removeApiKey(Call call) {
    providerKeys.remove(call.principal(), call.principal(), call.path("key"));
    call.noContent();
  }

  private void providerConfigs(Call call) {
    call.json(200, new AdminWire.Data<>(configs.list(call.principal()).stream()
        .map(c -> configView(call.principal(), c)).toList()));
  }

  private void saveProviderConfig(Call call) {
    Fields body = call.body();
    // Seed 003 writes { provider_type, api_key_id, config: { model, temperature, max_tokens } }.
    String providerField = body.has("provider") || !body.has("provider_type") ? "provider" : "provider_type";
    ProviderInstance provider = provider(call.caller(), body.requiredString(providerField));
    Fields settingsFields = body.object("config");
    Fields source = settingsFields != null ? settingsFields : body;
    String modelField = settingsFields != null ? "model" : "default_model";
    String rawModel = source.string(modelField);
    ModelId model = rawModel == null ? null : Params.modelId(rawModel.startsWith(provider.id() + ":") ? rawModel
        : provider.id() + ":" + rawModel, source.name(modelField));
    Double temperature = source.number("temperature");
    Integer maxTokens = source.smallInteger("max_tokens");
    boolean isDefault = body.bool("is_default", false);
    Long apiKeyId = body.integer("api_key_id");
    if (apiKeyId != null) {
      providerKeys.checkOwnKey(call.principal(), provider.id(), apiKeyId, body.name("api_key_id"));
    }
    String key = body.string("key");
    if (key != null) {
      providerKeys.replace(call.principal(), call.principal(), provider.id(), Fields.checked(() -> Secret.of(key)));
    }
    UserProviderConfig config = Fields.checked(() -> new UserProviderConfig(call.principal(), provider.id(), model,
        temperature, maxTokens, isDefault, Instant.now(), key != null ? null : apiKeyId));
    configs.save(config);
    call.json(201, configView(call.principal(), config));
  }

  private ProviderInstance provider(CallerContext caller, String id) {
    if (!ModelId.isInstanceId(id)) {
      throw new InvalidRequestException("'provider' must be a provider instance id", "provider");
    }
    return router.visibleProvider(caller, id)
        .orElseThrow(() -> new InvalidRequestException("unknown provider '" + id + "'", "provider"));
  }

  private AdminWire.ProviderConfig configView(String user, UserProviderConfig c) {
    Optional<StoredCredential> key = providerKeys.inUse(user, c.provider());
    String model = c.defaultModel() == null ? null : c.defaultModel().toString();
    return new AdminWire.ProviderConfig(c.provider(), c.provider(), model, c.temperature(), c.maxTokens(),
        c.isDefault(), key.isPresent(), key.map(StoredCredential::masked).orElse(null), c.apiKeyId(),
        new AdminWire.ProviderSettings(c.defaultModel() == null ? null : c.defaultModel().model(), c.temperature(),
            c.maxTokens()), c.updatedAt());
  }

}
