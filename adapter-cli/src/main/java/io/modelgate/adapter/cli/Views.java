package io.modelgate.adapter.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.routing.Route;
import io.modelgate.wire.AdminWire;
import io.modelgate.wire.ModelWire;
import io.modelgate.wire.WireJson;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's {@code --json} views, made from the shared wire records in both modes: embedded mode maps core values
 * to them (as the HTTP adapter does), remote mode reads them from the server. A record's view has its JSON names,
 * in its order, nulls included; the few views that differ from their record are made here, once.
 */
final class Views {
  private static final Moshi MOSHI = WireJson.moshi().build();

  private Views() {}

  /** A wire record as the view that prints it: its JSON fields, in order, nulls kept. */
  static Backend.View of(Object record) {
    @SuppressWarnings("unchecked")
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(record.getClass());
    if (!(adapter.serializeNulls().toJsonValue(record) instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not a JSON object: " + record.getClass().getSimpleName());
    }
    Backend.View view = new Backend.View();
    map.forEach((k, v) -> view.put(String.valueOf(k), v));
    return view;
  }

  /** A catalog entry's view: the record's fields; {@code voices} only for a model that has them (speech). */
  static Backend.View model(ModelWire.Entry e) {
    Backend.View view = of(e);
    if (view.get("voices") == null) {
      view.remove("voices");
    }
    return view;
  }

  /** {@code { provider, ok, listed, new, updated, deprecated, skipped, cache_hit, error, retry_after_s, took_ms }} */
  static Backend.View report(AdminWire.ProviderRun r) {
    return new Backend.View().with("provider", r.provider()).with("ok", r.error() == null)
        .with("listed", r.listed()).with("new", r.added()).with("updated", r.updated())
        .with("deprecated", r.deprecated()).with("skipped", r.skipped()).with("cache_hit", r.cacheHit())
        .with("error", r.error()).with("retry_after_s", r.retryAfterSeconds()).with("took_ms", r.tookMs());
  }

  static Map<String, Object> route(Route route) {
    return new Backend.View().with("requested", route.requested()).with("served", route.servedId().toString())
        .with("provider", route.instance().id()).with("source", route.source().wireName())
        .with("steps", route.steps().stream().map(Object::toString).toList())
        .with("attempts", route.attempts().stream().map(Object::toString).toList());
  }

  /**
   * {@code { id, kind, name, base_url, enabled, visibility, owner, origin, defaults, health, latency_ms, detail }}:
   * a provider with the health last seen (or just probed), when known.
   */
  static Backend.View provider(AdminWire.Instance p, @Nullable Object health, @Nullable Object latencyMs,
      @Nullable Object detail) {
    return new Backend.View()
        .with("id", p.id())
        .with("kind", p.kind())
        .with("name", p.name())
        .with("base_url", p.baseUrl())
        .with("enabled", p.enabled())
        .with("visibility", p.visibility())
        .with("owner", p.owner())
        .with("origin", p.options().getOrDefault(io.modelgate.core.model.ProviderInstance.ORIGIN_OPTION, "admin"))
        .with("defaults", p.defaultModels())
        .with("options", p.options())
        .with("health", health)
        .with("latency_ms", latencyMs)
        .with("detail", detail);
  }

  /** {@code { provider, key, created_at, last_used_at }}: the key masked. */
  static Backend.View credential(AdminWire.ProviderKey c) {
    return new Backend.View().with("provider", c.provider()).with("key", c.masked())
        .with("created_at", c.createdAt()).with("last_used_at", c.lastUsedAt());
  }

  static Backend.View gatewayKey(AdminWire.KeyView k) {
    return new Backend.View().with("prefix", k.prefix()).with("user_id", k.userId()).with("name", k.name())
        .with("created_at", k.createdAt()).with("last_used_at", k.lastUsedAt()).with("revoked_at", k.revokedAt());
  }

  /**
   * {@code { kind, id, requests_per_day, requests_per_month, tokens_per_month, usd_per_month, rpm, tpm, usage:
   * [{ limit, max, used, remaining, resets_at }] }}
   */
  static Backend.View quota(AdminWire.Quota q) {
    Backend.View v = new Backend.View().with("kind", q.kind()).with("id", q.id());
    v.putAll(of(q.limits()));
    return v.with("usage", q.usage().stream().map(Views::of).toList());
  }

  /** {@code { key, requests, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, cost_usd }} */
  static Backend.View usage(AdminWire.Total t) {
    return of(t);
  }
}
