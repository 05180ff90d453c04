package io.modelgate.core.catalog;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.SettingsStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The model catalog: reads its entries, keeps every model's lifecycle (status and notes, as an admin moves them),
 * and holds the defaults and migrations. What providers serve comes in through {@link CatalogDiscovery}; how they
 * are doing is in {@link ProviderStates}. Thread-safe.
 */
@Singleton
public final class ModelCatalog {
  private final CatalogStore store;
  private final ProviderRegistry registry;
  private final SettingsStore settings;
  private final MigrationStore migrations;
  private final AliasStore aliases;
  private final InstantSource clock;

  @Inject
  public ModelCatalog(CatalogStore store, ProviderRegistry registry, SettingsStore settings,
      MigrationStore migrations, AliasStore aliases, InstantSource clock) {
    this.store = store;
    this.registry = registry;
    this.settings = settings;
    this.migrations = migrations;
    this.aliases = aliases;
    this.clock = clock;
  }

  // ---- reading ----------------------------------------------------------------------------------------------------

  public List<CatalogEntry> list(ModelFilter filter) {
    return stream(filter).toList();
  }

  /** As {@link #list}, read as far as the caller reads it (the first match, without a copy of the rest). */
  public Stream<CatalogEntry> stream(ModelFilter filter) {
    return store.list(filter.provider(), filter.category()).stream().filter(filter::matches);
  }

  public Optional<CatalogEntry> find(ModelId id, ModelCategory category) {
    return store.find(new CatalogKey(id, category));
  }

  /** Every entry with this id (usually one, one per category it serves), none when it is not in the catalog. */
  public List<CatalogEntry> entries(ModelId id) {
    return store.findById(id);
  }

  /** Every entry with this id (usually one); throws {@link ModelNotFoundException} when there is none. */
  public List<CatalogEntry> get(ModelId id) {
    List<CatalogEntry> entries = store.findById(id);
    if (entries.isEmpty()) {
      throw new ModelNotFoundException("model '" + id + "' is not in the catalog");
    }
    return entries;
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
