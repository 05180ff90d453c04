package io.modelgate.core.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.Redaction;
import io.modelgate.core.error.TooSoonException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ModelDiscovery;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.provider.ProviderConnections;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model catalog: discovers what each provider serves, keeps every model's lifecycle, and holds the defaults
 * and migrations. New models arrive pending (or enabled under an auto policy); a model missing from a successful
 * listing is deprecated; a failed listing deprecates nothing, keeps the last good list and marks the provider
 * degraded. Thread-safe.
 */
@Singleton
public final class ModelCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

  private record ListingKey(String provider, String keyFingerprint) {}

  private final CatalogStore store;
  private final ProviderRegistry registry;
  private final ProviderConnections connections;
  private final SettingsStore settings;
  private final MigrationStore migrations;
  private final AliasStore aliases;
  private final InstantSource clock;
  private final Cache<ListingKey, ModelListing> listings;
  private final Map<String, ProviderState> states = new ConcurrentHashMap<>();

  @Inject
  public ModelCatalog(CatalogStore store, ProviderRegistry registry, ProviderConnections connections,
      SettingsStore settings, MigrationStore migrations, AliasStore aliases, InstantSource clock,
      CatalogOptions options) {
    this.store = store;
    this.registry = registry;
    this.connections = connections;
    this.settings = settings;
    this.migrations = migrations;
    this.aliases = aliases;
    this.clock = clock;
    Ticker ticker = () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
    this.listings = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(options.listingTtl())
        .maximumSize(10_000).build();
  }

  // ---- discovery ------------------------------------------------------------------------------------------------

  public DiscoveryReport discover(DiscoveryRequest request) {
    return discover(request, report -> {});
  }

  /**
   * Discovers as asked, telling {@code progress} each provider's report as soon as it is done. Naming one provider
   * inside its minimum interval without {@code force} throws {@link TooSoonException}; across all providers such
   * a provider is reported as skipped instead.
   */
  public DiscoveryReport discover(DiscoveryRequest request, Consumer<ProviderReport> progress) {
    List<ProviderInstance> targets;
    if (request.provider() != null) {
      ProviderInstance instance = registry.find(request.provider())
          .orElseThrow(() -> new InvalidRequestException("unknown provider '" + request.provider() + "'", "provider"));
      targets = List.of(instance);
      Duration wait = timeLeft(instance, request.category());
      if (!request.force() && wait.isPositive()) {
        Instant lastRun = clock.instant().plus(wait).minus(instance.discoveryInterval());
        throw new TooSoonException("provider '" + instance.id() + "' was last discovered at "
            + lastRun.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", less than "
            + instance.discoveryInterval().toSeconds() + " s ago; wait " + wait.toSeconds()
            + " s or force it", wait);
      }
    } else {
      targets = registry.list().stream().filter(ProviderInstance::enabled).toList();
    }
    List<ProviderReport> reports = new ArrayList<>();
    for (ProviderInstance instance : targets) {
      ProviderReport report = discoverOne(instance, request.category(), request.force());
      reports.add(report);
      progress.accept(report);
    }
    return new DiscoveryReport(reports);
  }

  /** How long until {@code instance} may be discovered again for {@code category} (all when null). */
  public Duration timeLeft(ProviderInstance instance, @Nullable ModelCategory category) {
    Instant now = clock.instant();
    Duration longest = Duration.ZERO;
    for (ModelCategory c : categories(category)) {
      Optional<Instant> last = registry.lastDiscovery(instance.id(), c);
      if (last.isPresent()) {
        Duration left = Duration.between(now, last.get().plus(instance.discoveryInterval()));
        if (left.compareTo(longest) > 0) {
          longest = left;
        }
      }
    }
    return longest;
  }

  private ProviderReport discoverOne(ProviderInstance instance, @Nullable ModelCategory category, boolean force) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    Duration wait = timeLeft(instance, category);
    if (!force && wait.isPositive()) {
      return ProviderReport.failed(instance.id(), "skipped: discovered less than "
          + instance.discoveryInterval().toSeconds() + " s ago", wait, Duration.ZERO);
    }
    ListingKey key = new ListingKey(instance.id(), connections.keyFingerprint(instance, instance.owner()));
    ModelListing listing;
    boolean cacheHit = false;
    try {
      ModelListing cached = force ? null : listings.getIfPresent(key);
      if (cached != null) {
        listing = cached;
        cacheHit = true;
      } else {
        listing = fetch(instance);
        listings.put(key, listing);
      }
    } catch (RuntimeException e) {
      String message = e instanceof ModelgateException ? e.getMessage() : Redaction.redact(String.valueOf(e));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      states.put(instance.id(), new ProviderState(instance.id(), HealthState.DEGRADED, started, took, message));
      LOG.warn("discovery of provider '{}' failed; keeping its last good list: {}", instance.id(), message);
      return ProviderReport.failed(instance.id(), message,
          e instanceof ModelgateException me ? me.retryAfter() : null, took);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    states.put(instance.id(), new ProviderState(instance.id(), HealthState.HEALTHY, started,
        cacheHit ? null : took, null));
    ProviderReport report = apply(instance, category, listing, cacheHit, took);
    for (ModelCategory c : categories(category)) {
      registry.markDiscovered(instance.id(), c, started);
    }
    return report;
  }

  private ModelListing fetch(ProviderInstance instance) {
    ModelDiscovery discovery = connections.connect(instance, instance.owner()).discovery();
    List<DiscoveredModel> curated = discovery.curatedModels();
    ModelListing listed;
    try {
      listed = discovery.listModels();
    } catch (UnsupportedCapabilityException e) {
      if (curated.isEmpty()) {
        throw e;
      }
      return ModelListing.of(curated);
    }
    if (curated.isEmpty()) {
      return listed;
    }
    Map<String, DiscoveredModel> byName = new HashMap<>();
    for (DiscoveredModel c : curated) {
      byName.put(c.category() + "|" + c.model(), c);
    }
    List<DiscoveredModel> enriched = new ArrayList<>();
    for (DiscoveredModel m : listed.models()) {
      DiscoveredModel c = byName.get(m.category() + "|" + m.model());
      enriched.add(c == null ? m : m.enrichedBy(c));
    }
    return new ModelListing(enriched, listed.skipped());
  }

  private ProviderReport apply(ProviderInstance instance, @Nullable ModelCategory category, ModelListing listing,
      boolean cacheHit, Duration took) {
    Instant now = clock.instant();
    int listed = 0;
    int added = 0;
    int updated = 0;
    int deprecated = 0;
    Set<CatalogKey> seen = new HashSet<>();
    for (DiscoveredModel model : listing.models()) {
      if (category != null && model.category() != category) {
        continue;
      }
      listed++;
      CatalogEntry fresh = CatalogEntry.discovered(instance.id(), instance.kind(), model,
          instance.approvalPolicy().initialStatus(), now);
      seen.add(fresh.key());
      Optional<CatalogEntry> existing = store.find(fresh.key());
      if (existing.isEmpty()) {
        store.upsertDiscovered(fresh);
        added++;
      } else {
        if (existing.get().metadataDiffers(fresh)) {
          updated++;
        }
        store.upsertDiscovered(fresh);
      }
    }
    for (CatalogEntry entry : store.list(instance.id(), category)) {
      if (seen.contains(entry.key()) || entry.status() == ModelStatus.DEPRECATED
          || entry.source() == ModelSource.MANUAL) {
        continue;
      }
      entry.status().checkMoveTo(ModelStatus.DEPRECATED, ModelStatus.Actor.DISCOVERY);
      CatalogEntry gone = entry.withStatus(ModelStatus.DEPRECATED, now);
      Optional<ModelMigration> migration = migrations.from(entry.id());
      if (migration.isPresent() && gone.successor() == null) {
        gone = gone.withSuccessor(migration.get().to());
      }
      store.save(gone);
      deprecated++;
    }
    return new ProviderReport(instance.id(), listed, added, updated, deprecated, listing.skipped(), cacheHit, null,
        null, took);
  }

  private static Set<ModelCategory> categories(@Nullable ModelCategory category) {
    return category == null ? EnumSet.allOf(ModelCategory.class) : EnumSet.of(category);
  }

  // ---- reading ----------------------------------------------------------------------------------------------------

  public List<CatalogEntry> list(ModelFilter filter) {
    return store.list(filter.provider(), filter.category()).stream().filter(filter::matches).toList();
  }

  public Optional<CatalogEntry> find(ModelId id, ModelCategory category) {
    return store.find(new CatalogKey(id, category));
  }

  /** Every entry with this id (usually one); throws {@link ModelNotFoundException} when there is none. */
  public List<CatalogEntry> get(ModelId id) {
    List<CatalogEntry> entries = store.findById(id);
    if (entries.isEmpty()) {
      throw new ModelNotFoundException("model '" + id + "' is not in the catalog");
    }
    return entries;
  }

  /** The last health each provider showed during discovery, by provider id. */
  public Map<String, ProviderState> providerStates() {
    Map<String, ProviderState> result = new LinkedHashMap<>();
    for (ProviderInstance instance : registry.list()) {
      result.put(instance.id(), states.getOrDefault(instance.id(),
          new ProviderState(instance.id(), HealthState.UNKNOWN, null, null, null)));
    }
    return result;
  }

  /** Records a health probe's or a call's view of a provider (the router avoids providers that are down). */
  public void recordHealth(ProviderState state) {
    states.put(state.provider(), state);
  }

  // ---- lifecycle --------------------------------------------------------------------------------------------------

  /** Moves every entry of {@code id} to {@code target} as an admin; returns the changed entries. */
  public List<CatalogEntry> setStatus(ModelId id, ModelStatus target) {
    Instant now = clock.instant();
    List<CatalogEntry> changed = new ArrayList<>();
    for (CatalogEntry entry : get(id)) {
      entry.status().checkMoveTo(target, ModelStatus.Actor.ADMIN);
      CatalogEntry next = entry.withStatus(target, now);
      store.save(next);
      changed.add(next);
    }
    return changed;
  }

  /** Moves each id to {@code target}; each id succeeds or fails on its own, and the result says which. */
  public BulkResult setStatus(List<ModelId> ids, ModelStatus target) {
    List<ModelId> updated = new ArrayList<>();
    Map<ModelId, String> failed = new LinkedHashMap<>();
    for (ModelId id : ids) {
      try {
        setStatus(id, target);
        updated.add(id);
      } catch (ModelgateException e) {
        failed.put(id, e.getMessage());
      }
    }
    return new BulkResult(updated, failed);
  }

  public List<CatalogEntry> setAdminNotes(ModelId id, @Nullable String notes) {
    List<CatalogEntry> changed = new ArrayList<>();
    for (CatalogEntry entry : get(id)) {
      CatalogEntry next = entry.withAdminNotes(notes);
      store.save(next);
      changed.add(next);
    }
    return changed;
  }

  // ---- defaults and migrations --------------------------------------------------------------------------------

  /** Sets the default model of {@code provider} for {@code category}; the model must be that provider's. */
  public void setProviderDefault(String provider, ModelCategory category, @Nullable ModelId model) {
    ProviderInstance instance = registry.find(provider)
        .orElseThrow(() -> new InvalidRequestException("unknown provider '" + provider + "'", "provider"));
    if (model != null) {
      if (!model.instance().equals(provider)) {
        throw new InvalidRequestException("model '" + model + "' does not belong to provider '" + provider + "'",
            "model_id");
      }
      requireEntry(model, category);
    }
    registry.save(instance.newBuilder().defaultModel(category, model == null ? null : model.model()).build());
  }

  /** Sets the server-wide default for {@code category}. */
  public void setGlobalDefault(ModelCategory category, @Nullable ModelId model) {
    if (model != null) {
      requireEntry(model, category);
    }
    settings.setGlobalDefault(category, model);
  }

  private CatalogEntry requireEntry(ModelId model, ModelCategory category) {
    return find(model, category).orElseThrow(() -> new ModelNotFoundException(
        "model '" + model + "' is not in the catalog as a " + category.wireName() + " model"));
  }

  /**
   * Records that {@code from} moved to {@code to}, marks {@code to} as the successor of {@code from}, and rewrites
   * every stored default, preference, pin, alias and provider default that names {@code from}. Returns how many
   * settings were rewritten.
   */
  public int addMigration(ModelMigration migration) {
    if (store.findById(migration.to()).isEmpty()) {
      throw new ModelNotFoundException("migration target '" + migration.to() + "' is not in the catalog");
    }
    migrations.save(migration);
    for (CatalogEntry entry : store.findById(migration.from())) {
      store.save(entry.withSuccessor(migration.to()));
    }
    int rewritten = settings.replaceModel(migration.from(), migration.to());
    rewritten += aliases.replaceModel(migration.from(), migration.to());
    if (migration.from().instance().equals(migration.to().instance())) {
      Optional<ProviderInstance> instance = registry.find(migration.from().instance());
      if (instance.isPresent()) {
        ProviderInstance.Builder b = instance.get().newBuilder();
        boolean changed = false;
        for (var e : instance.get().defaultModels().entrySet()) {
          if (e.getValue().equals(migration.from().model())) {
            b.defaultModel(e.getKey(), migration.to().model());
            changed = true;
            rewritten++;
          }
        }
        if (changed) {
          registry.save(b.build());
        }
      }
    }
    return rewritten;
  }

  public List<ModelMigration> migrations() {
    return migrations.list();
  }
}
