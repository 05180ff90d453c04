package io.modelgate.adapter.http;

import io.modelgate.core.catalog.BulkResult;
import io.modelgate.core.catalog.CatalogDiscovery;
import io.modelgate.core.catalog.CatalogService;
import io.modelgate.core.catalog.DiscoveryReport;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.wire.AdminWire;
import io.modelgate.wire.ModelWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code /api/admin/models...}: discovery, the catalog's lifecycle, defaults and migrations. */
@Singleton
final class ModelAdminApi {
  private static final String TAG = "admin: models";

  private final ModelCatalog catalog;
  private final CatalogDiscovery discovery;
  private final CatalogService admin;
  private final InstantSource clock;
  private final ModelRouter router;

  @Inject
  ModelAdminApi(ModelCatalog catalog, CatalogDiscovery discovery, CatalogService admin, InstantSource clock,
      ModelRouter router) {
    this.catalog = catalog;
    this.router = router;
    this.discovery = discovery;
    this.admin = admin;
    this.clock = clock;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.POST, "/api/admin/models/discover", admin, TAG,
            "Discover the models of one provider or all; 429 inside the minimum interval unless forced",
            this::discover).body(AdminWire.DiscoverRequest.class),
        new Endpoint(Method.GET, "/api/admin/models", admin, TAG,
            "Every catalog entry; ?provider=&category=&status=&q=", this::listModels)
            .replyData(ModelWire.Entry.class),
        new Endpoint(Method.POST, "/api/admin/models/bulk-update", admin, TAG,
            "Move many models to one status; each succeeds or fails on its own", this::bulkUpdate)
            .body(AdminWire.StatusRequest.class),
        new Endpoint(Method.POST, "/api/admin/models/set-default", admin, TAG,
            "Set a provider's default model for a category, or the global default (provider omitted or '*')",
            this::setDefault).body(AdminWire.DefaultRequest.class),
        new Endpoint(Method.GET, "/api/admin/models/migrations", admin, TAG, "Every model-id migration",
            this::migrations),
        new Endpoint(Method.POST, "/api/admin/models/migrations", admin, TAG,
            "Record that a model id moved; rewrites defaults, preferences, pins and aliases", this::addMigration)
            .body(AdminWire.MigrationRequest.class),
        new Endpoint(Method.GET, "/api/admin/models/{id}", admin, TAG, "One model's catalog entries",
            this::getModel),
        new Endpoint(Method.PATCH, "/api/admin/models/{id}", admin, TAG,
            "Change a model's status or admin notes", this::patchModel).body(RequestWire.ModelPatch.class));
  }

  private void discover(Call call) {
    Fields body = call.hasBody() ? call.body() : Fields.of(Map.of());
    ModelCategory category = Params.category(body.string("category"), "category");
    DiscoveryRequest request = new DiscoveryRequest(body.string("provider"), category, body.bool("force", false));
    Instant started = clock.instant();
    DiscoveryReport report = discovery.discover(request);
    call.json(200, AdminWire.report(report, results(report, category, started), Problems::scrub));
  }

  /**
   * Seed 004's view of a run, one result per provider and category: the models the provider now lists (its
   * catalog entries that are not deprecated), the ones this run added, and its error.
   */
  private List<AdminWire.DiscoveryResult> results(DiscoveryReport report, @Nullable ModelCategory asked,
      Instant started) {
    List<AdminWire.DiscoveryResult> results = new ArrayList<>();
    for (ProviderReport run : report.providers()) {
      List<CatalogEntry> entries = catalog.list(new ModelFilter(run.provider(), asked, null, null, null));
      List<ModelCategory> categories = asked != null ? List.of(asked)
          : entries.stream().map(CatalogEntry::category).distinct().sorted().toList();
      if (categories.isEmpty()) {
        categories = List.of(ModelCategory.TEXT);
      }
      List<String> errors = run.error() == null ? List.of() : List.of(Problems.scrub(run.error()));
      for (ModelCategory c : categories) {
        List<CatalogEntry> listed = entries.stream()
            .filter(e -> e.category() == c && e.status() != ModelStatus.DEPRECATED).toList();
        results.add(new AdminWire.DiscoveryResult(run.provider(), c.wireName(),
            run.ok() ? listed.stream().map(AdminWire.DiscoveredModel::of).toList() : List.of(),
            listed.stream().filter(e -> !e.discoveredAt().isBefore(started)).map(AdminWire.DiscoveredModel::of)
                .toList(),
            errors));
      }
    }
    return results;
  }

  private void listModels(Call call) {
    ModelStatus status = call.query("status").map(s -> Fields.checked(() -> ModelStatus.parse(s))).orElse(null);
    ModelFilter filter = new ModelFilter(call.query("provider").orElse(null),
        Params.category(call.query("category").orElse(null), "category"), status, null,
        call.query("q").orElse(null));
    call.json(200, new AdminWire.Data<>(catalog.list(filter).stream().map(this::entry).toList()));
  }

  private ModelWire.Entry entry(CatalogEntry e) {
    return entry(e, router);
  }

  /** An admin's catalog entry, with what the router serves instead of it for a caller without restrictions. */
  static ModelWire.Entry entry(CatalogEntry e, ModelRouter router) {
    return ModelWire.entry(e, router.fallbackFor(e, CallerContext.SYSTEM).orElse(null));
  }

  private void getModel(Call call) {
    call.json(200, new AdminWire.Data<>(catalog.get(Params.modelId(call.path("id"), "id")).stream()
        .map(this::entry).toList()));
  }

  private void patchModel(Call call) {
    ModelId id = Params.modelId(call.path("id"), "id");
    Fields body = call.body();
    List<CatalogEntry> changed = catalog.get(id);
    if (body.names().contains("admin_notes")) {
      changed = admin.setAdminNotes(call.principal(), id, body.string("admin_notes"));
    }
    String status = body.string("status");
    if (status != null) {
      changed = admin.setStatus(call.principal(), id, Fields.checked(() -> ModelStatus.parse(status)));
    }
    call.json(200, new AdminWire.Data<>(changed.stream().map(this::entry).toList()));
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
      parsed.add(Params.modelId(id, "model_ids"));
    }
    BulkResult result = admin.setStatus(call.principal(), parsed, status);
    Map<String, String> failed = new LinkedHashMap<>();
    result.failed().forEach((id, why) -> failed.put(id.toString(), why));
    call.json(200, new AdminWire.Bulk(result.updated().stream().map(ModelId::toString).toList(), failed));
  }

  private void setDefault(Call call) {
    Fields body = call.body();
    ModelCategory category = Params.category(body.requiredString("category"), "category");
    String raw = body.string("model_id");
    String provider = body.string("provider");
    // Seed 004 names the provider's own id (gpt-4o-mini) beside the provider; ours (openai:gpt-4o-mini) works too.
    boolean perProvider = provider != null && !provider.equals("*");
    ModelId model = raw == null ? null : Params.modelId(perProvider ? Params.providerModel(provider, raw) : raw,
        "model_id");
    admin.setDefault(call.principal(), provider == null || provider.equals("*") ? null : provider, category, model);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("provider", provider == null ? "*" : provider);
    answer.put("category", category.wireName());
    answer.put("model_id", model == null ? null : model.toString());
    call.send(200, call.json().treeText(answer).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void migrations(Call call) {
    call.json(200, new AdminWire.Data<>(catalog.migrations().stream().map(AdminWire::migration).toList()));
  }

  private void addMigration(Call call) {
    Fields body = call.body();
    ModelMigration migration = Fields.checked(() -> new ModelMigration(
        Params.modelId(body.requiredString("from"), "from"), Params.modelId(body.requiredString("to"), "to"),
        ModelMigration.Reason.parse(body.string("reason") == null ? "renamed" : body.string("reason")),
        body.bool("automatic", true), clock.instant()));
    int rewritten = admin.addMigration(call.principal(), migration);
    call.json(201, new AdminWire.MigrationAdded(AdminWire.migration(migration), rewritten));
  }
}
