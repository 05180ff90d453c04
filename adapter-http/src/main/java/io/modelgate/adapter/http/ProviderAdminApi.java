package io.modelgate.adapter.http;

import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ProviderHealthMonitor;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.provider.ProviderChanges;
import io.modelgate.core.provider.ProviderService;
import io.modelgate.wire.AdminWire;
import io.modelgate.wire.ModelWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/admin/providers...}: the configured providers. {@code /api/admin/ai-clients...}, the earlier name,
 * serves the same handlers. The rules (keys, configured providers, audit) are {@link ProviderService}'s.
 */
@Singleton
final class ProviderAdminApi {
  static final String PATH = "/api/admin/providers";
  /** The earlier name of {@link #PATH}, kept working. */
  static final String ALIAS_PATH = "/api/admin/ai-clients";
  private static final String TAG = "admin: providers";

  private final ProviderService providers;
  private final ModelCatalog catalog;
  private final ProviderHealthMonitor health;
  private final ModelRouter router;

  @Inject
  ProviderAdminApi(ProviderService providers, ModelCatalog catalog, ProviderHealthMonitor health,
      ModelRouter router) {
    this.providers = providers;
    this.router = router;
    this.catalog = catalog;
    this.health = health;
  }

  List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>(endpoints(PATH, ""));
    all.addAll(endpoints(ALIAS_PATH, " (the earlier name of " + PATH + ")"));
    return all;
  }

  private List<Endpoint> endpoints(String base, String note) {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.GET, base, admin, TAG, "Every provider" + note, this::list),
        new Endpoint(Method.POST, base, admin, TAG,
            "Add a provider (its key goes to the vault, never back out)" + note, this::create)
            .body(AdminWire.ProviderRequest.class),
        new Endpoint(Method.POST, base + "/health", admin, TAG,
            "Probe every enabled provider now (?timeout_ms=, 5000 by default); routing skips the ones that are down"
                + note, this::probe),
        new Endpoint(Method.GET, base + "/{id}/models", admin, TAG, "The models a provider serves" + note,
            this::models),
        new Endpoint(Method.GET, base + "/{id}", admin, TAG, "One provider" + note, this::get),
        new Endpoint(Method.PATCH, base + "/{id}", admin, TAG,
            "Change a provider; a 'key' alone rotates its stored key" + note, this::patch)
            .body(AdminWire.ProviderRequest.class),
        new Endpoint(Method.DELETE, base + "/{id}", admin, TAG,
            "Remove a provider (not one that configuration names while it is enabled)" + note, this::delete));
  }

  private void list(Call call) {
    call.json(200, new AdminWire.Data<>(providers.list().stream().map(this::view).toList()));
  }

  private void probe(Call call) {
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
    health.probeAll(Duration.ofMillis(timeoutMs)).forEach((id, status) -> seen.add(AdminWire.health(id, status)));
    call.json(200, new AdminWire.Data<>(seen));
  }

  private void get(Call call) {
    call.json(200, view(providers.get(call.path("id"))));
  }

  private void models(Call call) {
    ProviderInstance provider = providers.get(call.path("id"));
    call.json(200, new AdminWire.Data<>(catalog.list(new ModelFilter(provider.id(), null, null, null, null)).stream()
        .map(e -> ModelAdminApi.entry(e, router)).toList()));
  }

  private void create(Call call) {
    Fields body = call.body();
    String id = body.requiredString("id");
    ProviderKind kind = Fields.checked(() -> ProviderKind.parse(body.requiredString("kind")));
    call.json(201, view(providers.add(call.principal(), id, kind, changes(body), key(body))));
  }

  private void patch(Call call) {
    Fields body = call.body();
    call.json(200, view(providers.update(call.principal(), call.path("id"), changes(body), key(body))));
  }

  private void delete(Call call) {
    providers.remove(call.principal(), call.path("id"));
    call.noContent();
  }

  private static @Nullable Secret key(Fields body) {
    String key = body.string("key");
    return key == null ? null : Fields.checked(() -> Secret.of(key));
  }

  /** The body's fields as changes; only the fields present change. */
  private static ProviderChanges changes(Fields body) {
    ProviderChanges.Builder b = ProviderChanges.builder();
    if (body.has("name")) {
      b.name(body.string("name"));
    }
    if (body.names().contains("base_url")) {
      b.baseUrl(body.string("base_url"));
    }
    if (body.names().contains("owner")) {
      b.owner(body.string("owner"));
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
        ModelCategory category = Params.category(name, "default_models");
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
    return b.build();
  }

  private AdminWire.Instance view(ProviderInstance p) {
    return AdminWire.instance(p, providers.hasKey(p));
  }
}
