package io.modelgate.core;

import io.modelgate.core.catalog.CatalogDiscovery;
import io.modelgate.core.catalog.CatalogOptions;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.demo.DemoDriver;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.gateway.LimitingQuotaGuard;
import io.modelgate.core.gateway.ProviderRateLimits;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryCatalogStore;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryMigrationStore;
import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CallObserver;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.ProviderEvents;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.port.TokenCounter;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.provider.ConfiguredInstances;
import io.modelgate.core.provider.ConfiguredProviders;
import io.modelgate.core.provider.CredentialResolver;
import io.modelgate.core.provider.ProviderConnections;
import io.modelgate.core.routing.AccessPolicy;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.routing.ConfiguredAliases;
import io.modelgate.core.routing.FailoverSettings;
import io.modelgate.core.routing.LoadBalancer;
import io.modelgate.core.routing.ModelAlias;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.core.routing.RoutingDefaults;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The library's front door: a working gateway in a few lines, no Dagger needed.
 *
 * <pre>{@code
 * Modelgate modelgate = Modelgate.builder()
 *     .driver(new DemoDriver())
 *     .instance(DemoDriver.instance())
 *     .build();
 * modelgate.discovery().discover(DiscoveryRequest.ALL);
 * String reply = modelgate.gateway().chat(ChatRequest.of("demo:echo", "Hello")).value().text();
 * }</pre>
 *
 * Stores are in memory unless given; instances come from {@link Builder#instance} and, with
 * {@link Builder#environment}, from each driver's part of the environment contract. An application wired with
 * Dagger gets the same front door from its component (the {@link Inject} constructor), over its own stores and
 * configuration; {@link #start} then registers the configured providers.
 */
@Singleton
public final class Modelgate {
  private final ModelCatalog catalog;
  private final CatalogDiscovery discovery;
  private final ProviderStates states;
  private final CircuitBreakers breakers;
  private final LoadBalancer balancer;
  private final ModelRouter router;
  private final Gateway gateway;
  private final ProviderRegistry registry;
  private final SettingsStore settings;
  private final AliasStore aliases;
  private final CredentialVault vault;
  private final UsageLog usage;
  private final ProviderConnections connections;
  private final ConfiguredProviders configured;
  private final ConfiguredAliases configuredAliases;
  private boolean started;

  /** The front door over services built elsewhere (by Dagger); nothing is registered until {@link #start}. */
  @Inject
  public Modelgate(ModelCatalog catalog, CatalogDiscovery discovery, ProviderStates states, CircuitBreakers breakers,
      LoadBalancer balancer, ModelRouter router, Gateway gateway, ProviderRegistry registry,
      SettingsStore settings, AliasStore aliases, CredentialVault vault, UsageLog usage,
      ProviderConnections connections, ConfiguredProviders configured, ConfiguredAliases configuredAliases) {
    this.configuredAliases = configuredAliases;
    this.catalog = catalog;
    this.discovery = discovery;
    this.states = states;
    this.breakers = breakers;
    this.balancer = balancer;
    this.router = router;
    this.gateway = gateway;
    this.registry = registry;
    this.settings = settings;
    this.aliases = aliases;
    this.vault = vault;
    this.usage = usage;
    this.connections = connections;
    this.configured = configured;
  }

  private static Modelgate build(Builder b) {
    InstantSource clock = b.clock;
    ProviderRegistry registry = b.registry != null ? b.registry : new InMemoryProviderRegistry();
    CatalogStore catalogStore = b.catalogStore != null ? b.catalogStore : new InMemoryCatalogStore();
    SettingsStore settings = b.settings != null ? b.settings : new InMemorySettingsStore();
    MigrationStore migrations = b.migrations != null ? b.migrations : new InMemoryMigrationStore();
    AliasStore aliases = b.aliases != null ? b.aliases : new InMemoryAliasStore();
    CredentialVault vault = b.vault != null ? b.vault : new InMemoryCredentialVault(clock);
    QuotaLedger ledger = b.ledger != null ? b.ledger : new InMemoryQuotaLedger();
    UsageLog usage = b.usage != null ? b.usage : new InMemoryUsageLog(ledger);
    QuotaGuard quota = b.quota != null ? b.quota
        : b.policies != null ? new LimitingQuotaGuard(ledger, b.policies, clock) : QuotaGuard.UNLIMITED;
    Set<ProviderDriver> drivers = new LinkedHashSet<>(b.drivers);
    ProviderConfigStore userConfigs = b.userConfigs != null ? b.userConfigs : new InMemoryProviderConfigStore();
    ProviderConnections connections =
        new ProviderConnections(drivers, new CredentialResolver(b.environment, vault, userConfigs),
            new io.modelgate.core.provider.OutboundPolicy(b.environment));
    List<ProviderInstance> instances = new ArrayList<>(b.instances);
    if (b.useEnvironment) {
      Set<String> named = new java.util.HashSet<>();
      instances.forEach(i -> named.add(i.id()));
      ConfiguredInstances.fromEnvironment(List.copyOf(drivers), b.environment).stream()
          .filter(i -> named.add(i.id())).forEach(instances::add);
    }
    ProviderStates states = new ProviderStates(registry, b.events, clock);
    ModelCatalog catalog = new ModelCatalog(catalogStore, registry, settings, migrations, aliases, clock);
    CatalogDiscovery discovery = new CatalogDiscovery(catalogStore, registry, connections, migrations, states, clock,
        b.catalogOptions, b.events);
    CircuitBreakers breakers = new CircuitBreakers(b.failover, states, clock, b.events);
    LoadBalancer balancer = new LoadBalancer();
    ModelRouter router = new ModelRouter(catalog, states, registry, settings, migrations, aliases, b.access,
        b.routingDefaults, userConfigs, breakers);
    Gateway gateway = new Gateway(router, connections, quota, usage, b.tokenCounter, userConfigs, settings, clock,
        b.failover, breakers, balancer, b.observer, new ProviderRateLimits(ledger, clock));
    return new Modelgate(catalog, discovery, states, breakers, balancer, router, gateway, registry, settings,
        aliases, vault, usage, connections, new ConfiguredProviders(instances), ConfiguredAliases.NONE).start();
  }

  /**
   * Registers the configured providers (see {@link ConfiguredInstances#apply}: configuration wins over the same
   * id, and a provider configuration stopped naming is switched off) and saves the configured aliases over stored
   * ones of the same name; idempotent.
   *
   * @throws IllegalArgumentException naming a configured provider whose kind no installed module serves
   */
  public synchronized Modelgate start() {
    if (!started) {
      for (ProviderInstance instance : configured.instances()) {
        if (!connections.supports(instance.kind())) {
          throw new IllegalArgumentException("provider '" + instance.id() + "' is of kind '"
              + instance.kind().wireName() + "', for which no provider module is installed");
        }
      }
      new ConfiguredInstances(registry).apply(configured.instances());
      for (ModelAlias alias : configuredAliases.aliases()) {
        if (!aliases.find(alias.name()).equals(Optional.of(alias))) {
          aliases.save(alias);
        }
      }
      started = true;
    }
    return this;
  }

  /**
   * Starts, then discovers each enabled provider that has no model in the catalog yet and is not waiting out its
   * discovery interval (failures are in the catalog's reports, not thrown).
   */
  public Modelgate ensureDiscovered() {
    start();
    for (ProviderInstance instance : registry.list()) {
      if (instance.enabled()
          && catalog.list(new ModelFilter(instance.id(), null, null, null, null)).isEmpty()
          && !discovery.timeLeft(instance, null).isPositive()) {
        discovery.discover(new DiscoveryRequest(instance.id(), null, false));
      }
    }
    return this;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A gateway with only the offline demo provider, in memory: handy for trying things out and for tests. */
  public static Modelgate demo() {
    return builder().driver(new DemoDriver()).instance(DemoDriver.instance()).build();
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /** Finds what the providers serve and brings the catalog in line. */
  public CatalogDiscovery discovery() {
    return discovery;
  }

  /** How each provider is doing, as discovery, health probes and calls saw it. */
  public ProviderStates providerStates() {
    return states;
  }

  /** The circuit breakers of every target the gateway has called. */
  public CircuitBreakers circuitBreakers() {
    return breakers;
  }

  /** How calls spread over the nodes serving one model. */
  public LoadBalancer loadBalancer() {
    return balancer;
  }

  public ModelRouter router() {
    return router;
  }

  public Gateway gateway() {
    return gateway;
  }

  public ProviderRegistry providers() {
    return registry;
  }

  public SettingsStore settings() {
    return settings;
  }

  public AliasStore aliases() {
    return aliases;
  }

  public CredentialVault credentials() {
    return vault;
  }

  public UsageLog usage() {
    return usage;
  }

  /** Configures a {@link Modelgate}; everything but the drivers is optional. */
  public static final class Builder {
    private final List<ProviderDriver> drivers = new ArrayList<>();
    private final List<ProviderInstance> instances = new ArrayList<>();
    private Map<String, String> environment = Map.of();
    private boolean useEnvironment;
    private InstantSource clock = InstantSource.system();
    private CatalogOptions catalogOptions = CatalogOptions.DEFAULTS;
    private FailoverSettings failover = FailoverSettings.DEFAULTS;
    private CallObserver observer = CallObserver.NONE;
    private RoutingDefaults routingDefaults = RoutingDefaults.NONE;
    private AccessPolicy access = AccessPolicy.ALLOW_ALL;
    private @Nullable QuotaGuard quota;
    private @Nullable QuotaPolicyStore policies;
    private @Nullable QuotaLedger ledger;
    private TokenCounter tokenCounter = TokenCounter.ESTIMATE;
    private @Nullable ProviderRegistry registry;
    private @Nullable CatalogStore catalogStore;
    private @Nullable SettingsStore settings;
    private @Nullable MigrationStore migrations;
    private @Nullable AliasStore aliases;
    private @Nullable CredentialVault vault;
    private @Nullable UsageLog usage;
    private @Nullable ProviderConfigStore userConfigs;
    private ProviderEvents events = ProviderEvents.NONE;

    private Builder() {}

    public Builder driver(ProviderDriver driver) { drivers.add(Objects.requireNonNull(driver)); return this; }
    public Builder instance(ProviderInstance instance) { instances.add(Objects.requireNonNull(instance)); return this; }

    /** Reads keys ({@code env:NAME} references) from {@code env}, and adds the instances the drivers find in it. */
    public Builder environment(Map<String, String> env) {
      environment = Map.copyOf(env);
      useEnvironment = true;
      return this;
    }

    public Builder clock(InstantSource value) { clock = Objects.requireNonNull(value); return this; }
    public Builder catalogOptions(CatalogOptions value) { catalogOptions = value; return this; }
    /** Attempts, backoff, timeouts and circuit breakers; {@link FailoverSettings#DEFAULTS} unless given. */
    public Builder failover(FailoverSettings value) { failover = Objects.requireNonNull(value); return this; }
    /** Watches each attempt at a provider and each route step (tracing); by default nothing watches. */
    public Builder observer(CallObserver value) { observer = Objects.requireNonNull(value); return this; }
    public Builder defaultModel(@Nullable String modelId) { routingDefaults = RoutingDefaults.text(modelId); return this; }
    public Builder accessPolicy(AccessPolicy value) { access = value; return this; }
    /** Replaces the quota guard; without one, {@link #quotaPolicyStore} limits apply, and without that none. */
    public Builder quotaGuard(QuotaGuard value) { quota = value; return this; }
    /** Holds callers to the limits in {@code value}, counted on the {@link #quotaLedger}. */
    public Builder quotaPolicyStore(QuotaPolicyStore value) { policies = value; return this; }
    /** The counters quotas use; the usage log given with {@link #usageLog} must settle on the same ledger. */
    public Builder quotaLedger(QuotaLedger value) { ledger = value; return this; }
    /** Counts prompt tokens to size reservations; a rough estimate unless given. */
    public Builder tokenCounter(TokenCounter value) { tokenCounter = Objects.requireNonNull(value); return this; }
    public Builder providerRegistry(ProviderRegistry value) { registry = value; return this; }
    public Builder catalogStore(CatalogStore value) { catalogStore = value; return this; }
    public Builder settingsStore(SettingsStore value) { settings = value; return this; }
    public Builder migrationStore(MigrationStore value) { migrations = value; return this; }
    public Builder aliasStore(AliasStore value) { aliases = value; return this; }
    public Builder credentialVault(CredentialVault value) { vault = value; return this; }
    public Builder usageLog(UsageLog value) { usage = value; return this; }
    public Builder providerConfigStore(ProviderConfigStore value) { userConfigs = value; return this; }
    /** Who hears providers' health, circuit and discovery events (metrics, alerts); nobody by default. */
    public Builder providerEvents(ProviderEvents value) { events = Objects.requireNonNull(value); return this; }

    public Modelgate build() {
      return Modelgate.build(this);
    }
  }
}
