package io.modelgate.adapter.cli;

import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.routing.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented JSON shapes of the CLI's {@code --json} output. */
final class Views {
  private Views() {}

  static Map<String, Object> model(CatalogEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id().toString());
    m.put("provider", e.id().instance());
    m.put("kind", e.providerKind().wireName());
    m.put("category", e.category().wireName());
    m.put("name", e.displayName());
    m.put("description", e.description());
    m.put("status", e.status().wireName());
    m.put("source", e.source().wireName());
    m.put("context_window", e.contextWindow());
    m.put("max_output_tokens", e.maxOutputTokens());
    m.put("capabilities", e.capabilities().stream().map(Capability::wireName).sorted().toList());
    m.put("pricing", pricing(e.pricing()));
    m.put("discovered_at", e.discoveredAt());
    m.put("enabled_at", e.enabledAt());
    m.put("deprecated_at", e.deprecatedAt());
    m.put("last_seen_at", e.lastSeenAt());
    m.put("admin_notes", e.adminNotes());
    m.put("successor", e.successor() == null ? null : e.successor().toString());
    return m;
  }

  static Map<String, Object> pricing(Pricing p) {
    if (p == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input_per_million", p.inputPerMillion());
    m.put("output_per_million", p.outputPerMillion());
    m.put("cached_input_per_million", p.cachedInputPerMillion());
    m.put("per_request", p.perRequest());
    return m;
  }

  static Map<String, Object> report(ProviderReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider", r.provider());
    m.put("ok", r.ok());
    m.put("listed", r.listed());
    m.put("new", r.added());
    m.put("updated", r.updated());
    m.put("deprecated", r.deprecated());
    m.put("skipped", r.skipped());
    m.put("cache_hit", r.cacheHit());
    m.put("error", r.error());
    m.put("retry_after_s", r.retryAfter() == null ? null : r.retryAfter().toSeconds());
    m.put("took_ms", r.took().toMillis());
    return m;
  }

  static Map<String, Object> route(Route route) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requested", route.requested());
    m.put("served", route.servedId().toString());
    m.put("provider", route.instance().id());
    m.put("source", route.source().wireName());
    m.put("steps", route.steps().stream().map(Object::toString).toList());
    return m;
  }

  static String capabilities(CatalogEntry e) {
    List<String> caps = e.capabilities().stream().map(Capability::wireName).sorted().toList();
    return caps.isEmpty() ? "-" : String.join(",", caps);
  }
}
