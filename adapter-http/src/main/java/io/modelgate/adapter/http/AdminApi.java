package io.modelgate.adapter.http;

import io.helidon.http.Method;
import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.IssuedKey;
import io.modelgate.core.catalog.BulkResult;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderHealthMonitor;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.routing.ModelAlias;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The admin API: the catalog's lifecycle, providers and nodes, users, orgs and keys, usage, aliases, audit. */
@Singleton
final class AdminApi {
  private static final String MODELS = "admin: models";
  private static final String CLIENTS = "admin: ai-clients";
  private static final String ACCOUNTS = "admin: accounts";
  private static final String REPORTS = "admin: usage, aliases, audit";

  private final ModelCatalog catalog;
  private final ProviderRegistry registry;
  private final CredentialVault vault;
  private final AccountService accounts;
  private final AliasStore aliases;
  private final AuditLog audit;
  private final ProviderHealthMonitor health;

  @Inject
  AdminApi(ModelCatalog catalog, ProviderRegistry registry, CredentialVault vault, AccountService accounts,
      AliasStore aliases, AuditLog audit, ProviderHealthMonitor health) {
    this.catalog = catalog;
    this.registry = registry;
    this.vault = vault;
    this.accounts = accounts;
    this.aliases = aliases;
    this.audit = audit;
    this.health = health;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.POST, "/api/admin/models/discover", admin, MODELS,
            "Discover the models of one provider or all; 429 inside the minimum interval unless forced",
            this::discover),
        new Endpoint(Method.GET, "/api/admin/models", admin, MODELS,
            "Every catalog entry; ?provider=&category=&status=&q=", this::listModels),
        new Endpoint(Method.POST, "/api/admin/models/bulk-update", admin, MODELS,
            "Move many models to one status; each succeeds or fails on its own", this::bulkUpdate),
        new Endpoint(Method.POST, "/api/admin/models/set-default", admin, MODELS,
            "Set a provider's default model for a category, or the global default (provider omitted or '*')",
            this::setDefault),
        new Endpoint(Method.GET, "/api/admin/models/migrations", admin, MODELS, "Every model-id migration",
            this::migrations),
        new Endpoint(Method.POST, "/api/admin/models/migrations", admin, MODELS,
            "Record that a model id moved; rewrites defaults, preferences, pins and aliases", this::addMigration),
        new Endpoint(Method.GET, "/api/admin/models/{id}", admin, MODELS, "One model's catalog entries",
            this::getModel),
        new Endpoint(Method.PATCH, "/api/admin/models/{id}", admin, MODELS,
            "Change a model's status or admin notes", this::patchModel),

        new Endpoint(Method.GET, "/api/admin/ai-clients", admin, CLIENTS, "Every provider instance and node",
            this::listClients),
        new Endpoint(Method.POST, "/api/admin/ai-clients", admin, CLIENTS,
            "Add a provider instance or node (its key goes to the vault, never back out)", this::createClient),
        new Endpoint(Method.POST, "/api/admin/ai-clients/health", admin, CLIENTS,
            "Probe every enabled provider now (?timeout_ms=, 5000 by default); routing skips the ones that are down",
            this::probeClients),
        new Endpoint(Method.GET, "/api/admin/ai-clients/{id}/models", admin, CLIENTS,
            "The models a provider instance or node serves", this::clientModels),
        new Endpoint(Method.GET, "/api/admin/ai-clients/{id}", admin, CLIENTS, "One provider instance",
            this::getClient),
        new Endpoint(Method.PATCH, "/api/admin/ai-clients/{id}", admin, CLIENTS, "Change a provider instance",
            this::patchClient),
        new Endpoint(Method.DELETE, "/api/admin/ai-clients/{id}", admin, CLIENTS, "Remove a provider instance",
            this::deleteClient),

        new Endpoint(Method.GET, "/api/admin/users", admin, ACCOUNTS, "Every user", this::users),
        new Endpoint(Method.POST, "/api/admin/users", admin, ACCOUNTS, "Create a user: { name, role, org_id? }",
            this::createUser),
        new Endpoint(Method.GET, "/api/admin/orgs", admin, ACCOUNTS, "Every org", this::orgs),
        new Endpoint(Method.POST, "/api/admin/orgs", admin, ACCOUNTS, "Create an org: { name }", this::createOrg),
        new Endpoint(Method.PUT, "/api/admin/orgs/{id}/allowed-models", admin, ACCOUNTS,
            "Set the models an org may use: ids and provider:* patterns; empty allows all", this::allowedModels),
        new Endpoint(Method.POST, "/api/admin/users/{id}/keys", admin, ACCOUNTS,
            "Issue a gateway key: { key, prefix } — the only time the key is shown", this::issueKey),
        new Endpoint(Method.GET, "/api/admin/users/{id}/keys", admin, ACCOUNTS, "A user's gateway keys (prefixes)",
            this::keys),
        new Endpoint(Method.DELETE, "/api/admin/keys/{prefix}", admin, ACCOUNTS, "Revoke a gateway key",
            this::revokeKey),

        new Endpoint(Method.GET, "/api/admin/aliases", admin, REPORTS, "Every alias", this::aliases),
        new Endpoint(Method.GET, "/api/admin/aliases/{name}", admin, REPORTS, "One alias", this::getAlias),
        new Endpoint(Method.PUT, "/api/admin/aliases/{name}", admin, REPORTS,
            "Create or replace an alias: { models, defaults? }", this::putAlias),
        new Endpoint(Method.DELETE, "/api/admin/aliases/{name}", admin, REPORTS, "Remove an alias",
            this::deleteAlias),
        new Endpoint(Method.GET, "/api/admin/audit", admin, REPORTS, "The newest audit events; ?limit=",
            this::audit));
  }

  // ---- models -----------------------------------------------------------------------------------------------------

  private void discover(Call call) {
    Fields body = call.request().headers().contentLength().orElse(0) == 0 ? Fields.of(Map.of()) : call.body();
    ModelCategory category = category(body.string("category"), "category");
    DiscoveryRequest request = new DiscoveryRequest(body.string("provider"), category, body.bool("force", false));
    call.json(200, AdminWire.report(catalog.discover(request)));
  }

  private void listModels(Call call) {
    ModelStatus status = call.query("status").map(s -> Fields.checked(() -> ModelStatus.parse(s))).orElse(null);
    ModelFilter filter = new ModelFilter(call.query("provider").orElse(null),
        category(call.query("category").orElse(null), "category"), status, null, call.query("q").orElse(null));
    call.json(200, new AdminWire.Data(catalog.list(filter).stream().map(AdminWire::entry).toList()));
  }

  private void getModel(Call call) {
    call.json(200, new AdminWire.Data(catalog.get(modelId(call.path("id"), "id")).stream()
        .map(AdminWire::entry).toList()));
  }

  private void patchModel(Call call) {
    ModelId id = modelId(call.path("id"), "id");
    Fields body = call.body();
    List<CatalogEntry> changed = catalog.get(id);
    if (body.names().contains("admin_notes")) {
      changed = catalog.setAdminNotes(id, body.string("admin_notes"));
    }
    String status = body.string("status");
    if (status != null) {
      changed = catalog.setStatus(id, Fields.checked(() -> ModelStatus.parse(status)));
    }
    call.json(200, new AdminWire.Data(changed.stream().map(AdminWire::entry).toList()));
  }

  private void bulkUpdate(Call call) {
    Fields body = call.body();
    List<String> ids = body.strings("model_ids");
    if (ids == null || ids.isEmpty()) {
      throw body.invalid("model_ids", "must list at least one model id");
    }
    ModelStatus status = Fields.checked(() -> ModelStatus.parse(body.requiredString("status")));
    List<ModelId> parsed = new ArrayList<>();
    for (String id : ids) {
      parsed.add(modelId(id, "model_ids"));
    }
    BulkResult result = catalog.setStatus(parsed, status);
    Map<String, String> failed = new LinkedHashMap<>();
    result.failed().forEach((id, why) -> failed.put(id.toString(), why));
    call.json(200, new AdminWire.Bulk(result.updated().stream().map(ModelId::toString).toList(), failed));
  }

  private void setDefault(Call call) {
    Fields body = call.body();
    ModelCategory category = category(body.requiredString("category"), "category");
    String raw = body.string("model_id");
    ModelId model = raw == null ? null : modelId(raw, "model_id");
    String provider = body.string("provider");
    if (provider == null || provider.equals("*")) {
      catalog.setGlobalDefault(category, model);
    } else {
      catalog.setProviderDefault(provider, category, model);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("provider", provider == null ? "*" : provider);
    answer.put("category", category.wireName());
    answer.put("model_id", model == null ? null : model.toString());
    call.send(200, call.json().treeText(answer).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void migrations(Call call) {
    call.json(200, new AdminWire.Data(catalog.migrations().stream().map(AdminWire::migration).toList()));
  }

  private void addMigration(Call call) {
    Fields body = call.body();
    ModelMigration migration = Fields.checked(() -> new ModelMigration(
        modelId(body.requiredString("from"), "from"), modelId(body.requiredString("to"), "to"),
        ModelMigration.Reason.parse(body.string("reason") == null ? "renamed" : body.string("reason")),
        body.bool("automatic", true), Instant.now()));
    int rewritten = catalog.addMigration(migration);
    call.json(201, new AdminWire.MigrationAdded(AdminWire.migration(migration), rewritten));
  }

  // ---- provider instances and nodes -------------------------------------------------------------------------------

  private void listClients(Call call) {
    call.json(200, new AdminWire.Data(registry.list().stream().map(this::instanceView).toList()));
  }

  private void probeClients(Call call) {
    long timeoutMs;
    try {
      timeoutMs = Long.parseLong(call.query("timeout_ms").orElse("5000"));
    } catch (NumberFormatException e) {
      timeoutMs = -1;
    }
    if (timeoutMs <= 0 || timeoutMs > 60_000) {
      throw new InvalidRequestException("'timeout_ms' must be between 1 and 60000", "timeout_ms");
    }
    List<AdminWire.Health> seen = new ArrayList<>();
    health.probeAll(Duration.ofMillis(timeoutMs)).forEach((id, status) ->
        seen.add(AdminWire.health(id, status)));
    call.json(200, new AdminWire.Data(seen));
  }

  private void getClient(Call call) {
    call.json(200, instanceView(instance(call.path("id"))));
  }

  private void clientModels(Call call) {
    ProviderInstance instance = instance(call.path("id"));
    call.json(200, new AdminWire.Data(catalog.list(new ModelFilter(instance.id(), null, null, null, null)).stream()
        .map(AdminWire::entry).toList()));
  }

  private void createClient(Call call) {
    Fields body = call.body();
    String id = body.requiredString("id");
    if (!ModelId.isInstanceId(id)) {
      throw body.invalid("id", "must be 1-64 characters of lower-case letters, digits and '-'");
    }
    if (registry.find(id).isPresent()) {
      throw body.invalid("id", "'" + id + "' already exists; PATCH it instead");
    }
    ProviderKind kind = Fields.checked(() -> ProviderKind.parse(body.requiredString("kind")));
    ProviderInstance.Builder b = ProviderInstance.builder(id, kind);
    ProviderInstance saved = save(call, b, body);
    call.json(201, instanceView(saved));
  }

  private void patchClient(Call call) {
    ProviderInstance existing = instance(call.path("id"));
    ProviderInstance saved = save(call, existing.newBuilder(), call.body());
    call.json(200, instanceView(saved));
  }

  private ProviderInstance save(Call call, ProviderInstance.Builder b, Fields body) {
    if (body.has("name")) {
      b.displayName(body.string("name"));
    }
    if (body.names().contains("base_url")) {
      b.baseUrl(body.string("base_url"));
    }
    if (body.names().contains("owner")) {
      String owner = body.string("owner");
      if (owner != null && accounts.user(owner).isEmpty()) {
        throw body.invalid("owner", "'" + owner + "' is not a user");
      }
      b.owner(owner);
    }
    if (body.has("visibility")) {
      String v = body.requiredString("visibility").toUpperCase(Locale.ROOT);
      if (!v.equals("PUBLIC") && !v.equals("PRIVATE")) {
        throw body.invalid("visibility", "must be public or private");
      }
      b.visibility(Visibility.valueOf(v));
    }
    if (body.has("approval_policy")) {
      String p = body.requiredString("approval_policy").toUpperCase(Locale.ROOT).replace('-', '_');
      if (!p.equals("MANUAL") && !p.equals("AUTO_ENABLE")) {
        throw body.invalid("approval_policy", "must be manual or auto-enable");
      }
      b.approvalPolicy(ApprovalPolicy.valueOf(p));
    }
    if (body.has("enabled")) {
      b.enabled(body.bool("enabled", true));
    }
    Long interval = body.integer("discovery_interval_s");
    if (interval != null) {
      if (interval < 0) {
        throw body.invalid("discovery_interval_s", "must not be negative");
      }
      b.discoveryInterval(Duration.ofSeconds(interval));
    }
    Fields defaults = body.object("default_models");
    if (defaults != null) {
      for (String name : defaults.names()) {
        ModelCategory category = category(name, "default_models");
        String model = defaults.string(name);
        b.defaultModel(category, model == null ? null : model.substring(model.indexOf(':') + 1));
      }
    }
    Fields options = body.object("options");
    if (options != null) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String name : options.names()) {
        Object v = options.raw(name);
        if (v != null) {
          values.put(name, v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
              : String.valueOf(v));
        }
      }
      b.options(values);
    }
    String key = body.string("key");
    ProviderInstance instance = Fields.checked(b::build);
    if (key != null) {
      instance = instance.newBuilder().credentialRef("vault:" + instance.id()).build();
      vault.put(instance.owner() != null ? instance.owner() : CredentialVault.SHARED, instance.id(),
          Fields.checked(() -> Secret.of(key)));
    }
    registry.save(instance);
    audit.append(new io.modelgate.core.account.AuditEvent(Instant.now(), call.principal(), "ai-client.save",
        instance.id(), null, "{\"kind\":\"" + instance.kind().wireName() + "\"}"));
    return instance;
  }

  private void deleteClient(Call call) {
    ProviderInstance instance = instance(call.path("id"));
    registry.remove(instance.id());
    vault.remove(instance.owner() != null ? instance.owner() : CredentialVault.SHARED, instance.id());
    audit.append(new io.modelgate.core.account.AuditEvent(Instant.now(), call.principal(), "ai-client.delete",
        instance.id(), null, null));
    call.noContent();
  }

  private ProviderInstance instance(String id) {
    return registry.find(id).orElseThrow(() -> new ModelNotFoundException("no provider instance '" + id + "'"));
  }

  private AdminWire.Instance instanceView(ProviderInstance i) {
    String holder = i.owner() != null ? i.owner() : CredentialVault.SHARED;
    boolean hasKey = (i.credentialRef() != null && i.credentialRef().startsWith("env:"))
        || vault.list(holder).stream().anyMatch(c -> c.instance().equals(i.id()));
    return AdminWire.instance(i, hasKey);
  }

  // ---- users, orgs, keys ------------------------------------------------------------------------------------------

  private void users(Call call) {
    call.json(200, new AdminWire.Data(accounts.users().stream().map(AdminWire::user).toList()));
  }

  private void createUser(Call call) {
    Fields body = call.body();
    AccountRole role = Fields.checked(() -> AccountRole.parse(body.string("role") == null ? "member"
        : body.string("role")));
    String name = body.requiredString("name");
    call.json(201, AdminWire.user(Fields.checked(() -> accounts.createUser(call.principal(), name, role,
        body.string("org_id")))));
  }

  private void orgs(Call call) {
    call.json(200, new AdminWire.Data(accounts.orgs().stream().map(AdminWire::org).toList()));
  }

  private void createOrg(Call call) {
    Fields body = call.body();
    String name = body.requiredString("name");
    call.json(201, AdminWire.org(Fields.checked(() -> accounts.createOrg(call.principal(), name))));
  }

  private void allowedModels(Call call) {
    Fields body = call.body();
    List<String> patterns = body.strings("allowed_models");
    if (patterns == null) {
      throw body.invalid("allowed_models", "is required (an empty array allows every model)");
    }
    call.json(200, AdminWire.org(accounts.setAllowedModels(call.principal(), call.path("id"), patterns)));
  }

  private void issueKey(Call call) {
    String userId = call.path("id");
    long length = call.request().headers().contentLength().orElse(0);
    String name = length == 0 ? null : call.body().string("name");
    IssuedKey issued = accounts.issueKey(call.principal(), userId, name);
    call.json(201, new AdminWire.NewKey(issued.key().reveal(), issued.prefix()));
  }

  private void keys(Call call) {
    String userId = call.path("id");
    if (accounts.user(userId).isEmpty()) {
      throw new ModelNotFoundException("no user '" + userId + "'");
    }
    call.json(200, new AdminWire.Data(accounts.keys(userId).stream().map(AdminWire::key).toList()));
  }

  private void revokeKey(Call call) {
    if (!accounts.revokeKey(call.principal(), call.path("prefix"))) {
      throw new ModelNotFoundException("no gateway key with prefix '" + call.path("prefix") + "'");
    }
    call.noContent();
  }

  // ---- usage, aliases, audit --------------------------------------------------------------------------------------

  private void aliases(Call call) {
    call.json(200, new AdminWire.Data(aliases.list().stream().map(AdminWire::alias).toList()));
  }

  private void getAlias(Call call) {
    String name = call.path("name");
    call.json(200, AdminWire.alias(aliases.find(name)
        .orElseThrow(() -> new ModelNotFoundException("no alias '" + name + "'"))));
  }

  private void putAlias(Call call) {
    String name = call.path("name");
    Fields body = call.body();
    List<String> models = body.strings("models");
    if (models == null || models.isEmpty()) {
      throw body.invalid("models", "must list at least one model id");
    }
    List<ModelId> ids = models.stream().map(m -> modelId(m, "models")).toList();
    Fields defaults = body.object("defaults");
    Map<String, Object> values = new LinkedHashMap<>();
    if (defaults != null) {
      defaults.names().forEach(k -> values.put(k, Fields.normalised(defaults.raw(k))));
    }
    ModelAlias alias = Fields.checked(() -> new ModelAlias(name, ids, values));
    aliases.save(alias);
    audit.append(new io.modelgate.core.account.AuditEvent(Instant.now(), call.principal(), "alias.save", name,
        null, call.json().treeText(Map.of("models", models))));
    call.json(200, AdminWire.alias(alias));
  }

  private void deleteAlias(Call call) {
    String name = call.path("name");
    if (!aliases.delete(name)) {
      throw new ModelNotFoundException("no alias '" + name + "'");
    }
    audit.append(new io.modelgate.core.account.AuditEvent(Instant.now(), call.principal(), "alias.delete", name,
        null, null));
    call.noContent();
  }

  private void audit(Call call) {
    int limit;
    try {
      limit = Integer.parseInt(call.query("limit").orElse("100"));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("'limit' must be a number", "limit");
    }
    if (limit <= 0 || limit > 10_000) {
      throw new InvalidRequestException("'limit' must be between 1 and 10000", "limit");
    }
    call.json(200, new AdminWire.Data(audit.recent(limit).stream().map(AdminWire::audit).toList()));
  }

  // ---- parsing ----------------------------------------------------------------------------------------------------

  static ModelId modelId(String text, String field) {
    try {
      return ModelId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), field);
    }
  }

  static @Nullable ModelCategory category(@Nullable String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return ModelCategory.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), field);
    }
  }

  /** An ISO instant, or a date (the start of that day, UTC; the day after for an end). */
  static @Nullable Instant instant(@Nullable String text, String field, boolean end) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidRequestException("'" + field + "' must be an ISO date or instant, was '" + text + "'",
            field);
      }
    }
  }
}
