package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.port.ModelDiscovery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Lists models from {@code GET /v1/models}, following {@code has_more} / {@code last_id} with {@code after_id}.
 * Every Claude model is a text model. What the list says (display name, limits when above zero, capabilities) wins;
 * the curated list fills the gaps (prices always, limits and capabilities where the list has none).
 *
 * <p>Where the key may not list models (HTTP 403, or 404 from a proxy without {@code /v1/models}) the curated list
 * is the listing, each entry {@link ModelSource#CURATED}. A 401 (bad key), a 5xx or an unreachable host throws,
 * so the catalog keeps its last good list. Thread-safe.
 */
final class AnthropicDiscovery implements ModelDiscovery {
  static final int PAGE_LIMIT = 1000;
  private static final int MAX_PAGES = 100;

  private final AnthropicEndpoint endpoint;
  private final AnthropicErrors errors;
  private final CuratedModels curated;
  private final JsonAdapter<AnthropicWire.ModelsPage> pageAdapter;
  private final JsonAdapter<AnthropicWire.ModelInfo> modelAdapter;

  AnthropicDiscovery(AnthropicEndpoint endpoint, AnthropicErrors errors, CuratedModels curated, Moshi moshi) {
    this.endpoint = endpoint;
    this.errors = errors;
    this.curated = curated;
    this.pageAdapter = moshi.adapter(AnthropicWire.ModelsPage.class);
    this.modelAdapter = moshi.adapter(AnthropicWire.ModelInfo.class);
  }

  @Override
  public List<DiscoveredModel> curatedModels() {
    return curated.all();
  }

  @Override
  public ModelListing listModels() {
    List<DiscoveredModel> models = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String afterId = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl.Builder url = endpoint.url("v1/models").addQueryParameter("limit", String.valueOf(PAGE_LIMIT));
      if (afterId != null) {
        url.addQueryParameter("after_id", afterId);
      }
      AnthropicWire.ModelsPage body;
      try (Response response = endpoint.client().newCall(endpoint.get(url.build())).execute()) {
        if (listingNotAllowed(response.code())) {
          return ModelListing.of(curated.all());
        }
        if (!response.isSuccessful()) {
          throw errors.fromResponse(response);
        }
        body = pageAdapter.fromJson(response.body().source());
      } catch (JsonDataException e) {
        throw new UpstreamUnavailableException("Anthropic sent a model list that is not one: " + e.getMessage(),
            200, null, e);
      } catch (IOException e) {
        throw AnthropicErrors.fromIo(e, false);
      }
      if (body == null || body.data() == null) {
        throw new UpstreamUnavailableException("Anthropic sent a model list without 'data'", 200, null, null);
      }
      for (AnthropicWire.ModelInfo info : body.data()) {
        if (info.id() != null && !info.id().isBlank() && seen.add(info.id())) {
          models.add(toModel(info));
        }
      }
      if (!Boolean.TRUE.equals(body.hasMore()) || body.lastId() == null || body.lastId().equals(afterId)) {
        break;
      }
      afterId = body.lastId();
    }
    return ModelListing.of(models);
  }

  /** 403: the key is good but may not list; 404: this endpoint (a proxy, a gateway) has no model list. */
  static boolean listingNotAllowed(int status) {
    return status == 403 || status == 404;
  }

  private DiscoveredModel toModel(AnthropicWire.ModelInfo info) {
    String id = info.id();
    DiscoveredModel listed = new DiscoveredModel(id, ModelCategory.TEXT, info.displayName(), null,
        positive(info.maxInputTokens()), positive(info.maxTokens()), capabilities(info.capabilities()), null,
        modelAdapter.toJson(info), ModelSource.DISCOVERED);
    return curated.find(id).map(listed::enrichedBy).orElse(listed);
  }

  /**
   * The list's {@code capabilities} object, where it has one: {@code image_input} → vision, {@code
   * structured_outputs} → JSON output, {@code thinking} → reasoning; every Claude model streams and calls tools.
   * Empty when the list has no capabilities (older API versions), so the curated ones apply.
   */
  static Set<Capability> capabilities(@Nullable Map<String, Object> capabilities) {
    if (capabilities == null || capabilities.isEmpty()) {
      return Set.of();
    }
    Set<Capability> caps = EnumSet.of(Capability.STREAMING, Capability.TOOLS);
    if (supported(capabilities, "image_input")) {
      caps.add(Capability.VISION);
    }
    if (supported(capabilities, "structured_outputs")) {
      caps.add(Capability.JSON_OUTPUT);
    }
    if (supported(capabilities, "thinking")) {
      caps.add(Capability.REASONING);
    }
    return caps;
  }

  private static boolean supported(Map<String, Object> capabilities, String name) {
    return capabilities.get(name) instanceof Map<?, ?> entry && Boolean.TRUE.equals(entry.get("supported"));
  }

  private static @Nullable Integer positive(@Nullable Integer value) {
    return value != null && value > 0 ? value : null;
  }
}
