package io.modelgate.provider.gemini;

import com.squareup.moshi.JsonAdapter;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Lists models from {@code GET /v1beta/models}, following {@code nextPageToken}. {@code supportedGenerationMethods}
 * give the categories: generateContent / streamGenerateContent → text (or TTS for a {@code -tts} model),
 * embedContent / batchEmbedContents → embedding; a model that supports both is listed once per category, and one
 * whose methods map to none (such as {@code generateAnswer} only) is skipped as {@code no-supported-method}. The
 * list's token limits win; the curated list fills in prices and capabilities.
 */
final class GeminiDiscovery implements ModelDiscovery {
  static final String NO_SUPPORTED_METHOD = "no-supported-method";
  static final int PAGE_SIZE = 1000;
  private static final int MAX_PAGES = 100;

  private final GeminiApi api;
  private final CuratedModels curated;
  private final JsonAdapter<GeminiWire.Model> modelAdapter;

  GeminiDiscovery(GeminiApi api, CuratedModels curated) {
    this.api = api;
    this.curated = curated;
    this.modelAdapter = api.moshi().adapter(GeminiWire.Model.class);
  }

  @Override
  public ModelListing listModels() {
    List<DiscoveredModel> models = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Set<String> tokensSeen = new HashSet<>();
    String pageToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl.Builder url = api.models().addQueryParameter("pageSize", String.valueOf(PAGE_SIZE));
      if (pageToken != null) {
        url.addQueryParameter("pageToken", pageToken);
      }
      GeminiWire.ModelPage result = api.get(url.build(), GeminiWire.ModelPage.class);
      for (GeminiWire.RawJson raw : result.models() == null ? List.<GeminiWire.RawJson>of() : result.models()) {
        GeminiWire.Model model = parse(raw);
        List<DiscoveredModel> mapped = map(model, raw.json());
        if (mapped.isEmpty()) {
          skipped.merge(NO_SUPPORTED_METHOD, 1, Integer::sum);
        }
        models.addAll(mapped);
      }
      pageToken = result.nextPageToken();
      if (pageToken == null || pageToken.isEmpty() || !tokensSeen.add(pageToken)) {
        break;
      }
    }
    return new ModelListing(models, skipped);
  }

  @Override
  public List<DiscoveredModel> curatedModels() {
    return curated.models();
  }

  private GeminiWire.Model parse(GeminiWire.RawJson raw) {
    try {
      GeminiWire.Model model = modelAdapter.fromJson(raw.json());
      if (model == null) {
        throw new IOException("null model entry");
      }
      return model;
    } catch (IOException | RuntimeException e) {
      throw new UpstreamUnavailableException("Gemini listed a model this gateway cannot read: " + e.getMessage(),
          200, null, e);
    }
  }

  /** One DiscoveredModel per category the model's methods give; none when they give none. */
  private List<DiscoveredModel> map(GeminiWire.Model model, String raw) {
    String name = model.name().startsWith("models/") ? model.name().substring("models/".length()) : model.name();
    List<DiscoveredModel> out = new ArrayList<>();
    for (ModelCategory category : categories(name, model.supportedGenerationMethods())) {
      Set<Capability> caps = EnumSet.noneOf(Capability.class);
      if (category == ModelCategory.TEXT) {
        caps.add(Capability.STREAMING);
        if (Boolean.TRUE.equals(model.thinking())) {
          caps.add(Capability.REASONING);
        }
      }
      DiscoveredModel listed = new DiscoveredModel(name, category, model.displayName(), model.description(),
          model.inputTokenLimit(), model.outputTokenLimit(), caps, null, raw, ModelSource.DISCOVERED);
      out.add(enrich(listed));
    }
    return out;
  }

  /** Fills prices and limits from the curated entry whose rule covers the name; capabilities are joined. */
  private DiscoveredModel enrich(DiscoveredModel listed) {
    DiscoveredModel match = curated.match(listed.model(), listed.category());
    if (match == null) {
      return listed;
    }
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    caps.addAll(listed.capabilities());
    caps.addAll(match.capabilities());
    DiscoveredModel joined = new DiscoveredModel(listed.model(), listed.category(), listed.displayName(),
        listed.description(), listed.contextWindow(), listed.maxOutputTokens(), caps, listed.pricing(),
        listed.rawMetadata(), listed.source());
    return joined.enrichedBy(match);
  }

  static Set<ModelCategory> categories(String name, @Nullable List<String> methods) {
    Set<ModelCategory> out = new LinkedHashSet<>();
    if (methods == null) {
      return out;
    }
    if (methods.contains("generateContent") || methods.contains("streamGenerateContent")) {
      out.add(name.contains("-tts") ? ModelCategory.TTS : ModelCategory.TEXT);
    }
    if (methods.contains("embedContent") || methods.contains("batchEmbedContents")) {
      out.add(ModelCategory.EMBEDDING);
    }
    return out;
  }
}
