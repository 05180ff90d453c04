package io.modelgate.wire;

import com.squareup.moshi.Json;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A catalog entry's shapes: the admin's full entry and its price, and how each is made from a core entry. */
public final class ModelWire {
  private ModelWire() {}

  /** A catalog entry, as {@code /api/admin/models} answers it and the CLI's {@code models list --json} prints it. */
  public record Entry(
      String id, String provider, String kind, String category, String name, @Nullable String description,
      String status, String source,
      @Json(name = "context_window") @Nullable Integer contextWindow,
      @Json(name = "max_output_tokens") @Nullable Integer maxOutputTokens,
      List<String> capabilities, @Nullable Price pricing,
      @Json(name = "discovered_at") Instant discoveredAt,
      @Json(name = "enabled_at") @Nullable Instant enabledAt,
      @Json(name = "deprecated_at") @Nullable Instant deprecatedAt,
      @Json(name = "last_seen_at") @Nullable Instant lastSeenAt,
      @Json(name = "admin_notes") @Nullable String adminNotes,
      @Nullable String successor) {}

  /** What a model costs, in US dollars; a missing part is unknown. */
  public record Price(
      @Json(name = "input_per_million") @Nullable BigDecimal inputPerMillion,
      @Json(name = "output_per_million") @Nullable BigDecimal outputPerMillion,
      @Json(name = "cached_input_per_million") @Nullable BigDecimal cachedInputPerMillion,
      @Json(name = "per_request") @Nullable BigDecimal perRequest) {}

  public static Entry entry(CatalogEntry e) {
    return new Entry(e.id().toString(), e.id().instance(), e.providerKind().wireName(), e.category().wireName(),
        e.displayName(), e.description(), e.status().wireName(), e.source().wireName(), e.contextWindow(),
        e.maxOutputTokens(), capabilities(e), price(e), e.discoveredAt(), e.enabledAt(), e.deprecatedAt(),
        e.lastSeenAt(), e.adminNotes(), e.successor() == null ? null : e.successor().toString());
  }

  public static @Nullable Price price(CatalogEntry e) {
    var p = e.pricing();
    return p == null ? null
        : new Price(p.inputPerMillion(), p.outputPerMillion(), p.cachedInputPerMillion(), p.perRequest());
  }

  /** The entry's capabilities by their wire names, sorted. */
  public static List<String> capabilities(CatalogEntry e) {
    return e.capabilities().stream().map(Capability::wireName).sorted().toList();
  }
}
