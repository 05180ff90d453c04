package io.modelgate.provider.openai;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.port.ModelDiscovery;
import io.modelgate.provider.openai.internal.ListedModels;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.util.List;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Discovery from an OpenAI-style list ({@code GET /v1/models}, or Open WebUI's {@code GET /api/models}): ids only,
 * so the category comes from the id and the rest from the curated metadata. Each model keeps its raw JSON.
 * Thread-safe.
 */
final class ModelListDiscovery implements ModelDiscovery {
  private static final JsonAdapter<OpenAiWire.ModelEntry> ENTRY = OpenAiHttp.MOSHI.adapter(OpenAiWire.ModelEntry.class);

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Headers headers;
  private final CuratedModels.Catalog curated;

  ModelListDiscovery(OkHttpClient client, HttpUrl url, Headers headers, CuratedModels.Catalog curated) {
    this.client = client;
    this.url = url;
    this.headers = headers;
    this.curated = curated;
  }

  @Override
  public ModelListing listModels() {
    return ListedModels.list(client, new Request.Builder().url(url).headers(headers).get().build(), ENTRY,
        entry -> ModelClassifier.classify(entry.id()).skipReason(),
        (entry, raw) -> model(entry, ModelClassifier.classify(entry.id()).category(), raw));
  }

  private DiscoveredModel model(OpenAiWire.ModelEntry entry, ModelCategory category, String raw) {
    String displayName = entry.name() != null && !entry.name().equals(entry.id()) ? entry.name() : null;
    DiscoveredModel listed = new DiscoveredModel(entry.id(), category, displayName, null, null, null, Set.of(),
        null, raw, ModelSource.DISCOVERED);
    DiscoveredModel model = curated.match(entry.id()).map(listed::enrichedBy).orElse(listed);
    if (category == ModelCategory.IMAGE && model.pricing() == null) {
      model = model.enrichedBy(new DiscoveredModel(entry.id(), category, null, null, null, null, Set.of(),
          OpenAiImages.pricing(entry.id()), null, ModelSource.CURATED));
    }
    if (model.capabilities().isEmpty() && category == ModelCategory.TEXT) {
      // Every chat model behind this protocol streams; the rest is unknown without curated data.
      model = new DiscoveredModel(model.model(), category, model.displayName(), model.description(),
          model.contextWindow(), model.maxOutputTokens(), Set.of(Capability.STREAMING), model.pricing(),
          model.rawMetadata(), model.source());
    }
    return model;
  }

  @Override
  public List<DiscoveredModel> curatedModels() {
    return curated.models();
  }
}
