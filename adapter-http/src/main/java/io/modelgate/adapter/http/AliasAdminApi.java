package io.modelgate.adapter.http;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.routing.AliasService;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.wire.AdminWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/admin/aliases...} over {@link AliasService}, and {@code /api/admin/audit}, the log it writes to. */
@Singleton
final class AliasAdminApi {
  private static final String TAG = "admin: aliases, audit";

  private final AliasService aliases;
  private final AuditLog audit;

  @Inject
  AliasAdminApi(AliasService aliases, AuditLog audit) {
    this.aliases = aliases;
    this.audit = audit;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.GET, "/api/admin/aliases", admin, TAG, "Every alias", this::list)
            .replyData(AdminWire.Alias.class),
        new Endpoint(Method.GET, "/api/admin/aliases/{name}", admin, TAG, "One alias", this::get)
            .reply(AdminWire.Alias.class),
        new Endpoint(Method.PUT, "/api/admin/aliases/{name}", admin, TAG,
            "Create or replace an alias: { models, defaults?, strategy? }", this::put)
            .body(AdminWire.AliasRequest.class).reply(AdminWire.Alias.class),
        new Endpoint(Method.DELETE, "/api/admin/aliases/{name}", admin, TAG, "Remove an alias", this::delete),
        new Endpoint(Method.GET, "/api/admin/audit", admin, TAG, "The newest audit events; ?limit=",
            this::audit));
  }

  private void list(Call call) {
    call.json(200, new AdminWire.Data<>(aliases.list().stream().map(AdminWire::alias).toList()));
  }

  private void get(Call call) {
    call.json(200, AdminWire.alias(aliases.get(call.path("name"))));
  }

  private void put(Call call) {
    Fields body = call.body();
    List<String> models = body.strings("models");
    if (models == null || models.isEmpty()) {
      throw body.invalid("models", "must list at least one model id");
    }
    List<ModelId> ids = models.stream().map(m -> Params.modelId(m, "models")).toList();
    Fields defaults = body.object("defaults");
    Map<String, Object> values = new LinkedHashMap<>();
    if (defaults != null) {
      defaults.names().forEach(k -> values.put(k, Fields.normalised(defaults.raw(k))));
    }
    String rawStrategy = body.string("strategy");
    BalanceStrategy strategy;
    try {
      strategy = rawStrategy == null ? null : BalanceStrategy.parse(rawStrategy);
    } catch (IllegalArgumentException e) {
      throw body.invalid("strategy", "must be one of round-robin, least-busy, latency, weighted, ordered");
    }
    call.json(200, AdminWire.alias(aliases.save(call.principal(), call.path("name"), ids, values, strategy)));
  }

  private void delete(Call call) {
    aliases.delete(call.principal(), call.path("name"));
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
    call.json(200, new AdminWire.Data<>(audit.recent(limit).stream().map(AdminWire::audit).toList()));
  }
}
