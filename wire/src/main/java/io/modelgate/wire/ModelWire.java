package io.modelgate.wire;

import com.squareup.moshi.Json;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      @Nullable String successor,
      /* The model the router serves instead when this one is named (deprecated or disabled); null otherwise. */
      @Json(name = "falls_back_to") @Nullable String fallsBackTo,
      /* A speech model's voices as its provider described them (ElevenLabs, Azure); null for other models. */
      @Nullable List<Voice> voices) {}

  /** A voice: the provider's id for it, its name, what the provider says of it, and where to hear it. */
  public record Voice(String id, @Nullable String name, List<String> labels,
      @Json(name = "preview_url") @Nullable String previewUrl) {}

  /** What a model costs, in US dollars; a missing part is unknown. */
  public record Price(
      @Json(name = "input_per_million") @Nullable BigDecimal inputPerMillion,
      @Json(name = "output_per_million") @Nullable BigDecimal outputPerMillion,
      @Json(name = "cached_input_per_million") @Nullable BigDecimal cachedInputPerMillion,
      @Json(name = "per_request") @Nullable BigDecimal perRequest) {}

  /** The admin's entry for {@code e}; {@code fallsBackTo} is what core's router serves instead of it, if anything. */
  public static Entry entry(CatalogEntry e, @Nullable ModelId fallsBackTo) {
    return new Entry(e.id().toString(), e.id().instance(), e.providerKind().wireName(), e.category().wireName(),
        e.displayName(), e.description(), e.status().wireName(), e.source().wireName(), e.contextWindow(),
        e.maxOutputTokens(), capabilities(e), price(e), e.discoveredAt(), e.enabledAt(), e.deprecatedAt(),
        e.lastSeenAt(), e.adminNotes(), e.successor() == null ? null : e.successor().toString(),
        fallsBackTo == null ? null : fallsBackTo.toString(),
        e.category() == ModelCategory.TTS ? voices(e.rawMetadata()) : null);
  }

  /**
   * The voices a speech model's metadata lists ({@code voices[]} with ElevenLabs' {@code voice_id}, {@code name},
   * {@code labels}, {@code preview_url}, or Azure's {@code name}, {@code display_name}, {@code gender},
   * {@code locale}, {@code styles}); empty when it lists none.
   */
  static List<Voice> voices(@Nullable String rawMetadata) {
    Object parsed;
    try {
      parsed = rawMetadata == null ? null : METADATA.fromJson(rawMetadata);
    } catch (java.io.IOException | RuntimeException e) {
      parsed = null;
    }
    if (!(parsed instanceof Map<?, ?> meta) || !(meta.get("voices") instanceof List<?> list)) {
      return List.of();
    }
    List<Voice> out = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> v) {
        boolean eleven = v.get("voice_id") != null;
        List<String> labels = new ArrayList<>();
        if (v.get("labels") instanceof Map<?, ?> l) {
          l.values().forEach(x -> labels.add(String.valueOf(x)));
        }
        for (String key : List.of("gender", "locale")) {
          if (v.get(key) != null) {
            labels.add(String.valueOf(v.get(key)));
          }
        }
        if (v.get("styles") instanceof List<?> styles && !styles.isEmpty()) {
          labels.add("styles: " + String.join(" ", styles.stream().map(String::valueOf).toList()));
        }
        Object name = eleven ? v.get("name") : v.get("display_name");
        out.add(new Voice(String.valueOf(eleven ? v.get("voice_id") : v.get("name")),
            name == null ? null : String.valueOf(name), labels,
            v.get("preview_url") == null ? null : String.valueOf(v.get("preview_url"))));
      }
    }
    return out;
  }

  private static final com.squareup.moshi.JsonAdapter<Object> METADATA =
      new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class).lenient();

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
