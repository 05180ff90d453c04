package io.modelgate.adapter.cli;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.User;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaStatus;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.usage.UsageTotal;
import org.jspecify.annotations.Nullable;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.routing.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented JSON shapes of the CLI's {@code --json} output, made from core values (embedded mode). */
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

  /** {@code { id, kind, name, base_url, enabled, visibility, owner, origin, defaults, health, latency_ms, detail }} */
  static Backend.View provider(ProviderInstance p, @Nullable HealthStatus health) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (ModelCategory c : ModelCategory.values()) {
      if (p.defaultModels().containsKey(c)) {
        defaults.put(c.wireName(), p.defaultModel(c).toString());
      }
    }
    return new Backend.View()
        .with("id", p.id())
        .with("kind", p.kind().wireName())
        .with("name", p.displayName())
        .with("base_url", p.baseUrl())
        .with("enabled", p.enabled())
        .with("visibility", p.visibility().name().toLowerCase(java.util.Locale.ROOT))
        .with("owner", p.owner())
        .with("origin", p.options().getOrDefault(ProviderInstance.ORIGIN_OPTION,
            "admin"))
        .with("defaults", defaults)
        .with("health", health == null ? null : health.state().wireName())
        .with("latency_ms", health == null || health.latency() == null ? null : health.latency().toMillis())
        .with("detail", health == null ? null : health.detail());
  }

  static Backend.View credential(StoredCredential c) {
    return new Backend.View().with("provider", c.instance()).with("key", c.masked())
        .with("created_at", c.createdAt()).with("last_used_at", c.lastUsedAt());
  }

  static Backend.View gatewayKey(GatewayKey k) {
    return new Backend.View().with("prefix", k.prefix()).with("user_id", k.userId()).with("name", k.name())
        .with("created_at", k.createdAt()).with("last_used_at", k.lastUsedAt()).with("revoked_at", k.revokedAt());
  }

  static Backend.View user(User u) {
    return new Backend.View().with("id", u.id()).with("name", u.name()).with("role", u.role().wireName())
        .with("org_id", u.orgId()).with("created_at", u.createdAt());
  }

  static Backend.View org(Org o) {
    return new Backend.View().with("id", o.id()).with("name", o.name()).with("allowed_models", o.allowedModels())
        .with("created_at", o.createdAt());
  }

  static Backend.View audit(AuditEvent e) {
    return new Backend.View().with("at", e.at()).with("actor", e.actor()).with("action", e.action())
        .with("target", e.target()).with("before", e.before()).with("after", e.after());
  }

  static Backend.View migration(ModelMigration m) {
    return new Backend.View().with("from", m.from().toString()).with("to", m.to().toString())
        .with("reason", m.reason().wireName()).with("automatic", m.automatic()).with("created_at", m.createdAt());
  }

  /**
   * {@code { kind, id, requests_per_day, requests_per_month, tokens_per_month, usd_per_month, rpm, tpm, usage:
   * [{ limit, max, used, remaining, resets_at }] }}
   */
  static Backend.View quota(QuotaSubject s, QuotaLimits l, QuotaStatus status) {
    return limits(l).with("usage", status.entries().stream().map(e -> new Backend.View()
        .with("limit", e.meter().wireName()).with("max", e.limit()).with("used", e.used())
        .with("remaining", e.remaining()).with("resets_at", e.resetsAt())).toList())
        .with("kind", s.kind().wireName()).with("id", s.id());
  }

  /** The limit fields of a quota view, as the admin API takes them. */
  static Backend.View limits(QuotaLimits l) {
    return new Backend.View().with("kind", null).with("id", null)
        .with("requests_per_day", l.requestsPerDay()).with("requests_per_month", l.requestsPerMonth())
        .with("tokens_per_month", l.tokensPerMonth()).with("usd_per_month", l.usdPerMonth())
        .with("rpm", l.rpm()).with("tpm", l.tpm());
  }

  /** {@code { key, requests, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, cost_usd }} */
  static Backend.View usage(UsageTotal t) {
    return new Backend.View().with("key", t.key()).with("requests", t.requests())
        .with("prompt_tokens", t.promptTokens()).with("completion_tokens", t.completionTokens())
        .with("cached_tokens", t.cachedTokens()).with("reasoning_tokens", t.reasoningTokens())
        .with("cost_usd", t.costUsd());
  }
}
