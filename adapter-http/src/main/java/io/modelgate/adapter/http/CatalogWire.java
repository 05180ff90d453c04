package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.routing.Route;
import io.modelgate.core.routing.RouteStep;
import io.modelgate.wire.ModelWire;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The catalog API's shapes ({@code /ai/...}), the ones the web and iOS clients were promised. */
final class CatalogWire {
  private CatalogWire() {}

  public record Models(
      @Json(name = "default_model_id") @Nullable String defaultModelId,
      List<Model> models,
      Map<String, Provider> providers,
      @Json(name = "last_updated") Instant lastUpdated,
      @Json(name = "cache_hit") boolean cacheHit) {}

  public record Model(
      String id,
      String provider,
      String source,
      @Json(name = "node_name") String nodeName,
      String category,
      String status,
      @Json(name = "latency_ms") @Nullable Long latencyMs,
      List<String> capabilities,
      @Json(name = "context_window") @Nullable Integer contextWindow,
      ModelWire.@Nullable Price pricing,
      Map<String, Object> metadata,
      /* The voices a speech (tts) model offers; null for other models. */
      @Nullable List<String> voices) {}

  public record Provider(
      String status,
      @Json(name = "last_checked") @Nullable Instant lastChecked,
      /* How long the last health probe took; null before the first. */
      @Json(name = "latency_ms") @Nullable Long latencyMs,
      @Json(name = "model_count") int modelCount,
      @Json(name = "pending_count") int pendingCount,
      @Nullable String error,
      /* The provider's last model listing failed: its models are the last good list, of catalog_listed_at. */
      @Json(name = "catalog_stale") boolean catalogStale,
      @Json(name = "catalog_listed_at") @Nullable Instant catalogListedAt) {}

  static Map<String, Object> metadata(CatalogEntry e, JsonCodec json) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.displayName());
    if (e.description() != null) {
      m.put("description", e.description());
    }
    if (e.maxOutputTokens() != null) {
      m.put("max_output_tokens", e.maxOutputTokens());
    }
    if (e.successor() != null) {
      m.put("successor", e.successor().toString());
    }
    // When the model became usable (its discovery, for one never switched on by hand): the picker's "new" badge.
    m.put("enabled_at", (e.enabledAt() == null ? e.discoveredAt() : e.enabledAt()).toString());
    Object raw = json.parse(e.rawMetadata());
    if (raw != null) {
      m.put("provider_metadata", raw);
    }
    return m;
  }

  // ---- chat -----------------------------------------------------------------------------------------------------

  public record RouteView(
      String source,
      List<Step> steps,
      @Json(name = "fell_back") boolean fellBack,
      @Json(name = "requested_deprecated") boolean requestedDeprecated,
      @Nullable String successor,
      List<AttemptView> attempts) {}

  public record Step(String kind, String detail) {}

  /** One try at one target: where, how it ended, the error code if it failed, and how long it took. */
  public record AttemptView(String model, String provider, String outcome, @Nullable String error,
      @Json(name = "took_ms") long tookMs) {}

  static RouteView route(Route route) {
    CatalogEntry asked = route.requestedEntry();
    return new RouteView(route.source().wireName(),
        route.steps().stream().map((RouteStep s) -> new Step(s.kind().wireName(), s.detail())).toList(),
        route.fellBack(), route.requestedDeprecated(),
        asked != null && asked.successor() != null ? asked.successor().toString() : null,
        route.attempts().stream().map(a -> new AttemptView(a.target().toString(), a.target().instance(),
            a.outcome().wireName(), a.error(), a.took().toMillis())).toList());
  }

  public record Reply(
      String id,
      String model,
      @Json(name = "requested_model") @Nullable String requestedModel,
      String provider,
      RouteView route,
      OpenAiWire.Message message,
      @Json(name = "finish_reason") String finishReason,
      OpenAiWire.UsageCounts usage,
      @Json(name = "cost_usd") BigDecimal costUsd,
      @Json(name = "conversation_id") @Nullable String conversationId) {}

  /** The events of {@code /ai/stream}: route first, then deltas, then done (or error). */
  public record RouteEvent(String type, String id, String model,
      @Json(name = "requested_model") @Nullable String requestedModel, String provider, RouteView route) {}

  public record DeltaEvent(String type, String text) {}

  public record ToolCallEvent(String type, int index, @Nullable String id, @Nullable String name, String arguments) {}

  public record DoneEvent(String type, @Json(name = "finish_reason") String finishReason,
      OpenAiWire.UsageCounts usage, @Json(name = "cost_usd") BigDecimal costUsd) {}
}
