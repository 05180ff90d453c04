package io.modelgate.core.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.Redaction;
import io.modelgate.core.error.TooSoonException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ModelDiscovery;
import io.modelgate.core.port.ProviderEvents;
import io.modelgate.core.port.ProviderRegistry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers what each provider serves and brings the catalog in line: new models arrive pending (or enabled under
 * an auto policy); a model missing from a successful listing is deprecated; a failed listing deprecates nothing,
 * keeps the last good list, marks it stale with the time of the last good listing and the provider degraded in
 * {@link ProviderStates}. Listings are cached per
 * provider and key for {@link CatalogOptions#listingTtl()}. Each listing done (not one skipped as too soon) is told to
 * {@link ProviderEvents}. Thread-safe.
 */
@Singleton
public final class CatalogDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogDiscovery.class);

  private record ListingKey(String provider, String keyFingerprint) {}

  private final CatalogStore store;
  private final ProviderRegistry registry;
  private final ProviderConnections connections;
  private final MigrationStore migrations;
  private final ProviderStates states;
  private final InstantSource clock;
  private final Cache<ListingKey, ModelListing> listings;
  private final ProviderEvents events;

  @Inject
  public CatalogDiscovery(CatalogStore store, ProviderRegistry registry, ProviderConnections connections,
      MigrationStore migrations, ProviderStates states, InstantSource clock, CatalogOptions options,
      ProviderEvents events) {
    this.events = events;
    this.store = store;
    this.registry = registry;
    this.connections = connections;
    this.migrations = migrations;
    this.states = states;
    this.clock = clock;
    Ticker ticker = () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
    this.listings = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(options.listingTtl())
        .maximumSize(10_000).build();
  }

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
      states.record(new ProviderState(instance.id(), HealthState.DEGRADED, started, took, message));
      states.recordListingFailed(instance.id(), lastListed(instance));
      LOG.warn("discovery of provider '{}' failed; keeping its last good list: {}", instance.id(), message);
      ProviderReport failed = ProviderReport.failed(instance.id(), message,
          e instanceof ModelgateException me ? me.retryAfter() : null, took);
      events.discovered(failed);
      return failed;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    states.record(new ProviderState(instance.id(), HealthState.HEALTHY, started,
        cacheHit ? null : took, null));
    if (!cacheHit) {
      states.recordListing(instance.id(), started);
    }
    ProviderReport report = apply(instance, category, listing, cacheHit, took);
    for (ModelCategory c : categories(category)) {
      registry.markDiscovered(instance.id(), c, started);
    }
    events.discovered(report);
    return report;
  }

  /** When {@code instance}'s models were last listed successfully, in any category (null when never). */
  private @Nullable Instant lastListed(ProviderInstance instance) {
    Instant known = states.catalog(instance.id()).listedAt();
    for (ModelCategory c : ModelCategory.values()) {
      Optional<Instant> at = registry.lastDiscovery(instance.id(), c);
      if (at.isPresent() && (known == null || at.get().isAfter(known))) {
        known = at.get();
      }
    }
    return known;
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
}
