package io.modelgate.adapter.cli;

import java.util.Optional;

import io.modelgate.app.Database;
import io.modelgate.core.Modelgate;
import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.IssuedKey;
import io.modelgate.core.catalog.BulkResult;
import io.modelgate.core.catalog.CatalogService;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderHealthMonitor;
import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.provider.ProviderChanges;
import io.modelgate.core.provider.ProviderKeys;
import io.modelgate.core.provider.ProviderService;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaService;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.routing.AliasService;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.PreferenceService;
import io.modelgate.core.routing.RoutingDefaults;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.wire.AdminWire;
import io.modelgate.wire.ModelWire;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The commands over the core services and the configured database: the same state {@code serve} uses. */
final class EmbeddedBackend implements Backend {
  /** Who the audit log names for changes made from the CLI. */
  static final String ACTOR = "cli";

  private final Modelgate app;
  private final AccountService accounts;
  private final ProviderKeys providerKeys;
  private final SettingsStore settings;
  private final RoutingDefaults routingDefaults;
  private final UsageLog usage;
  private final QuotaService quotaService;
  private final ProviderHealthMonitor monitor;
  private final InstantSource clock;
  private final Database database;
  private final ProviderService providers;
  private final CatalogService catalogAdmin;
  private final AuditLog audit;
  private final PreferenceService preferences;
  private final AliasService aliases;

  @Inject
  EmbeddedBackend(Modelgate app, AccountService accounts, ProviderKeys providerKeys, SettingsStore settings,
      RoutingDefaults routingDefaults, UsageLog usage, QuotaService quotaService,
      ProviderHealthMonitor monitor, InstantSource clock, Database database, ProviderService providers,
      CatalogService catalogAdmin, AuditLog audit, PreferenceService preferences, AliasService aliases) {
    this.aliases = aliases;
    this.app = app;
    this.accounts = accounts;
    this.providerKeys = providerKeys;
    this.settings = settings;
    this.routingDefaults = routingDefaults;
    this.usage = usage;
    this.quotaService = quotaService;
    this.monitor = monitor;
    this.clock = clock;
    this.database = database;
    this.providers = providers;
    this.catalogAdmin = catalogAdmin;
    this.audit = audit;
    this.preferences = preferences;
  }

  private Modelgate discovered() {
    return app.ensureDiscovered();
  }

  // ---- models -----------------------------------------------------------------------------------------------

  @Override
  public List<View> models(ModelFilter filter) {
    return discovered().catalog().list(filter).stream().map(this::entry).toList();
  }

  @Override
  public List<View> model(ModelId id) {
    return discovered().catalog().get(id).stream().map(this::entry).toList();
  }

  /** A catalog entry as {@code /api/admin/models} answers it, with what core's router serves instead of it. */
  private View entry(io.modelgate.core.model.CatalogEntry e) {
    return Views.model(ModelWire.entry(e, app.router().fallbackFor(e, CallerContext.SYSTEM).orElse(null)));
  }

  @Override
  public List<View> discover(@Nullable String provider, @Nullable ModelCategory category, boolean force,
      Consumer<View> progress) {
    app.start();
    if (provider != null && app.providers().find(provider).isEmpty()) {
      throw new InvalidRequestException("unknown provider '" + provider + "'", "provider");
    }
    return app.discovery().discover(new DiscoveryRequest(provider, category, force),
            r -> progress.accept(report(r)))
        .providers().stream().map(EmbeddedBackend::report).toList();
  }

  @Override
  public View setStatus(List<ModelId> ids, ModelStatus status) {
    discovered();
    BulkResult result = catalogAdmin.setStatus(ACTOR, ids, status);
    Map<String, Object> failed = new LinkedHashMap<>();
    result.failed().forEach((id, why) -> failed.put(id.toString(), why));
    return new View().with("status", status.wireName())
        .with("updated", result.updated().stream().map(ModelId::toString).toList())
        .with("failed", failed);
  }

  @Override
  public View setDefault(@Nullable String provider, ModelCategory category, @Nullable ModelId model) {
    discovered();
    catalogAdmin.setDefault(ACTOR, provider, category, model);
    return getDefault(provider, category);
  }

  @Override
  public View setCallerDefault(CallerScope scope, String id, @Nullable ModelId model) {
    discovered();
    CallerContext admin = new CallerContext(ACTOR, null, null, null, true);
    Optional<ModelId> now;
    if (scope == CallerScope.ORGANIZATION) {
      preferences.setOrgDefault(admin, id, ModelCategory.TEXT, model, "model");
      now = preferences.orgDefault(id, ModelCategory.TEXT);
    } else {
      preferences.setAgentDefault(admin, id, ModelCategory.TEXT, model, "model");
      now = preferences.agentDefault(id, ModelCategory.TEXT);
    }
    return new View().with("scope", scope.wireName()).with("id", id)
        .with("model", now.map(ModelId::toString).orElse(null));
  }

  @Override
  public View getDefault(@Nullable String provider, ModelCategory category) {
    app.start();
    ModelId model;
    if (provider == null) {
      model = settings.globalDefault(category).orElse(routingDefaults.models().get(category));
    } else {
      model = app.providers().find(provider)
          .orElseThrow(() -> new InvalidRequestException("unknown provider '" + provider + "'", "provider"))
          .defaultModel(category);
    }
    return new View().with("provider", provider).with("category", category.wireName())
        .with("model", model == null ? null : model.toString());
  }

  @Override
  public View addMigration(ModelMigration migration) {
    discovered();
    int rewritten = catalogAdmin.addMigration(ACTOR, migration);
    return Views.of(AdminWire.migration(migration)).with("rewritten", rewritten);
  }

  @Override
  public List<View> migrations() {
    return app.catalog().migrations().stream().map(m -> Views.of(AdminWire.migration(m))).toList();
  }

  private static View report(ProviderReport r) {
    return Views.report(AdminWire.run(r, UnaryOperator.identity()));
  }

  // ---- providers --------------------------------------------------------------------------------------------

  @Override
  public List<View> providers(boolean probe, Duration timeout) {
    List<ProviderInstance> instances = app.start().providers().list();
    Map<String, HealthStatus> health = probe ? monitor.probeAll(timeout) : lastSeen();
    return instances.stream().map(p -> {
      HealthStatus h = health.get(p.id());
      return Views.provider(instance(p), h == null ? null : h.state().wireName(),
          h == null || h.latency() == null ? null : h.latency().toMillis(), h == null ? null : h.detail());
    }).toList();
  }

  private Map<String, HealthStatus> lastSeen() {
    Map<String, HealthStatus> seen = new LinkedHashMap<>();
    app.providerStates().all().forEach((id, s) -> seen.put(id, new HealthStatus(s.health(), s.latency(),
        s.error(), s.lastChecked() == null ? clock.instant() : s.lastChecked())));
    return seen;
  }

  @Override
  public View addProvider(ProviderSpec spec, @Nullable Secret key) {
    app.start();
    if (spec.kind() == null) {
      throw new IllegalArgumentException("--kind is required");
    }
    ProviderInstance added = providers.add(ACTOR, spec.id(), spec.kind(), changes(spec, Map.of()), key);
    return Views.provider(instance(added), null, null, null).with("has_key", key != null);
  }

  @Override
  public View updateProvider(ProviderSpec spec, @Nullable Secret key) {
    app.start();
    Map<String, String> current = spec.options().isEmpty() ? Map.of()
        : app.providers().find(spec.id()).map(ProviderInstance::options).orElse(Map.of());
    return Views.provider(instance(providers.update(ACTOR, spec.id(), changes(spec, current), key)), null, null,
        null);
  }

  private static ProviderChanges changes(ProviderSpec spec, Map<String, String> currentOptions) {
    ProviderChanges.Builder b = ProviderChanges.builder();
    if (!spec.options().isEmpty()) {
      b.options(spec.optionsOver(currentOptions));
    }
    if (spec.name() != null) {
      b.name(spec.name());
    }
    if (spec.baseUrl() != null) {
      b.baseUrl(spec.baseUrl());
    }
    if (spec.enabled() != null) {
      b.enabled(spec.enabled());
    }
    return b.build();
  }

  private AdminWire.Instance instance(ProviderInstance p) {
    return AdminWire.instance(p, providers.hasKey(p));
  }

  @Override
  public void removeProvider(String id) {
    app.start();
    providers.remove(ACTOR, id);
  }

  // ---- chat -------------------------------------------------------------------------------------------------

  @Override
  public View chat(ChatInput input, Consumer<String> text) {
    ChatRequest.Builder request = ChatRequest.builder().model(input.model())
        .caller(CallerContext.ANONYMOUS.inConversation(input.conversation()));
    if (input.system() != null) {
      request.message(ChatMessage.system(input.system()));
    }
    request.message(ChatMessage.user(input.prompt()));
    try (GatewayChat call = discovered().gateway().stream(request.build())) {
      ChatResponse response = ChatResponse.collect(new ChatStream() {
        @Override
        public ChatEvent next() {
          ChatEvent event = call.stream().next();
          if (event instanceof ChatEvent.TextDelta d && d.choice() == 0) {
            text.accept(d.text());
          }
          return event;
        }

        @Override
        public void close() {
          call.stream().close();
        }
      });
      return chatView(call, response);
    }
  }

  private static View chatView(GatewayChat call, ChatResponse response) {
    View m = new View();
    m.put("request_id", call.requestId());
    m.put("model", call.route().servedId().toString());
    m.put("route", Views.route(call.route()));
    m.put("text", response.text());
    m.put("finish_reason", response.finishReason().wireName());
    m.put("tool_calls", response.toolCalls().stream().map(t -> new View().with("id", t.id())
        .with("name", t.name()).with("arguments", t.arguments())).toList());
    Usage u = response.usage();
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", u.promptTokens());
    usage.put("completion_tokens", u.completionTokens());
    usage.put("cached_tokens", u.cachedTokens());
    usage.put("reasoning_tokens", u.reasoningTokens());
    usage.put("total_tokens", u.totalTokens());
    m.put("usage", usage);
    return m;
  }

  // ---- users' provider keys ----------------------------------------------------------------------------------

  private String requireUser(@Nullable String user) {
    if (user == null) {
      throw new IllegalArgumentException("--user is required in embedded mode");
    }
    accounts.user(user).orElseThrow(() -> new InvalidRequestException("unknown user '" + user + "'", "user"));
    return user;
  }

  @Override
  public List<View> keys(@Nullable String user) {
    return providerKeys.list(requireUser(user)).stream().map(c -> Views.credential(AdminWire.providerKey(c))).toList();
  }

  @Override
  public View addKey(@Nullable String user, String provider, Secret key) {
    String owner = requireUser(user);
    app.start().providers().find(provider)
        .orElseThrow(() -> new InvalidRequestException("unknown provider '" + provider + "'", "provider"));
    return Views.credential(AdminWire.providerKey(providerKeys.replace(ACTOR, owner, provider, key)));
  }

  @Override
  public void removeKey(@Nullable String user, String provider) {
    providerKeys.remove(ACTOR, requireUser(user), provider);
  }

  // ---- accounts ---------------------------------------------------------------------------------------------

  @Override
  public View createGatewayKey(String user, @Nullable String name) {
    IssuedKey issued = accounts.issueKey(ACTOR, user, name);
    return new View().with("key", issued.key().reveal()).with("prefix", issued.prefix()).with("user_id", user)
        .with("name", name);
  }

  @Override
  public List<View> gatewayKeys(String user) {
    requireUser(user);
    return accounts.keys(user).stream().map(k -> Views.gatewayKey(AdminWire.key(k))).toList();
  }

  @Override
  public void revokeGatewayKey(String prefix) {
    if (!accounts.revokeKey(ACTOR, prefix)) {
      throw new InvalidRequestException("no gateway key has the prefix '" + prefix + "'", "prefix");
    }
  }

  @Override
  public List<View> users() {
    return accounts.users().stream().map(u -> Views.of(AdminWire.user(u))).toList();
  }

  @Override
  public View createUser(String name, String role, @Nullable String org) {
    return Views.of(AdminWire.user(accounts.createUser(ACTOR, name, AccountRole.parse(role), org)));
  }

  @Override
  public List<View> orgs() {
    return accounts.orgs().stream().map(o -> Views.of(AdminWire.org(o))).toList();
  }

  @Override
  public View createOrg(String name) {
    return Views.of(AdminWire.org(accounts.createOrg(ACTOR, name)));
  }

  @Override
  public View allowModels(String org, List<String> patterns) {
    return Views.of(AdminWire.org(accounts.setAllowedModels(ACTOR, org, patterns)));
  }

  // ---- quota and usage ---------------------------------------------------------------------------------------

  @Override
  public View quota(QuotaSubject subject) {
    return quotaView(subject, quotaService.limits(subject));
  }

  @Override
  public View setQuota(QuotaSubject subject, QuotaLimits limits) {
    quotaService.set(ACTOR, subject, limits);
    return quotaView(subject, limits);
  }

  private View quotaView(QuotaSubject subject, QuotaLimits limits) {
    return Views.quota(AdminWire.quota(subject, limits, app.gateway().quotaStatus(subject.caller())));
  }

  @Override
  public List<View> usage(UsageGroupBy by, @Nullable Instant since, @Nullable Instant until) {
    return usage.totals(new UsageQuery(since, until, null, null, null, UsageQuery.ALL.limit()), by).stream()
        .map(t -> Views.usage(AdminWire.total(t))).toList();
  }

  // ---- aliases ----------------------------------------------------------------------------------------------

  @Override
  public List<View> aliases() {
    return aliases.list().stream().map(a -> Views.of(AdminWire.alias(a))).toList();
  }

  @Override
  public View saveAlias(String name, List<ModelId> models, Map<String, Object> defaults,
      @Nullable BalanceStrategy strategy) {
    return Views.of(AdminWire.alias(aliases.save(ACTOR, name, models, defaults, strategy)));
  }

  @Override
  public void removeAlias(String name) {
    aliases.delete(ACTOR, name);
  }

  // ---- audit ------------------------------------------------------------------------------------------------

  @Override
  public List<View> audit(int limit) {
    return audit.recent(limit).stream().map(e -> Views.of(AdminWire.audit(e))).toList();
  }

  @Override
  public void close() {
    database.close();
  }
}
