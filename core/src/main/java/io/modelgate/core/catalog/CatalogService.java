package io.modelgate.core.catalog;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.port.AuditLog;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The catalog's administration for an admin: model status and notes, default models and model-id migrations. The
 * {@link ModelCatalog} decides whether a change is allowed; this service passes the actor in and writes every change
 * that happened to the audit log ({@code model.status}, {@code model.notes}, {@code model.default},
 * {@code model.migration}), so every door records the same thing. Thread-safe.
 */
public final class CatalogService {
  private final ModelCatalog catalog;
  private final AuditLog audit;
  private final InstantSource clock;

  @Inject
  public CatalogService(ModelCatalog catalog, AuditLog audit, InstantSource clock) {
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
  }

  /** Moves every entry of {@code id} to {@code status}; returns the changed entries. */
  public List<CatalogEntry> setStatus(String actor, ModelId id, ModelStatus status) {
    List<CatalogEntry> before = catalog.get(id);
    List<CatalogEntry> changed = catalog.setStatus(id, status);
    if (!changed.isEmpty()) {
      audit.append(new AuditEvent(clock.instant(), actor, "model.status", id.toString(),
          before.isEmpty() ? null : json(before.get(0).status().wireName()), json(status.wireName())));
    }
    return changed;
  }

  /** Moves each id to {@code status}; each succeeds or fails on its own, and the result says which. */
  public BulkResult setStatus(String actor, List<ModelId> ids, ModelStatus status) {
    List<ModelId> updated = new ArrayList<>();
    Map<ModelId, String> failed = new LinkedHashMap<>();
    for (ModelId id : ids) {
      BulkResult one = catalog.setStatus(List.of(id), status);
      if (one.failed().isEmpty()) {
        audit.append(new AuditEvent(clock.instant(), actor, "model.status", id.toString(), null,
            json(status.wireName())));
        updated.add(id);
      } else {
        failed.putAll(one.failed());
      }
    }
    return new BulkResult(updated, failed);
  }

  public List<CatalogEntry> setAdminNotes(String actor, ModelId id, @Nullable String notes) {
    List<CatalogEntry> changed = catalog.setAdminNotes(id, notes);
    if (!changed.isEmpty()) {
      audit.append(new AuditEvent(clock.instant(), actor, "model.notes", id.toString(), null, json(notes)));
    }
    return changed;
  }

  /**
   * Sets (or, with a null model, clears) the default model of {@code provider} for {@code category}, or the
   * server-wide one when {@code provider} is null.
   */
  public void setDefault(String actor, @Nullable String provider, ModelCategory category, @Nullable ModelId model) {
    if (provider == null) {
      catalog.setGlobalDefault(category, model);
    } else {
      catalog.setProviderDefault(provider, category, model);
    }
    audit.append(new AuditEvent(clock.instant(), actor, "model.default",
        (provider == null ? "*" : provider) + "/" + category.wireName(), null,
        json(model == null ? null : model.toString())));
  }

  /** Records a migration and rewrites what names its old id; returns how many settings were rewritten. */
  public int addMigration(String actor, ModelMigration migration) {
    int rewritten = catalog.addMigration(migration);
    audit.append(new AuditEvent(clock.instant(), actor, "model.migration", migration.from().toString(), null,
        "{\"to\":" + json(migration.to().toString()) + ",\"reason\":" + json(migration.reason().wireName())
            + ",\"rewritten\":" + rewritten + "}"));
    return rewritten;
  }


  private static String json(@Nullable String s) {
    return AuditEvent.jsonString(s);
  }
}
