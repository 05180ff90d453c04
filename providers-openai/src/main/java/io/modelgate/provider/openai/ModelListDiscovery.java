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
import io.modelgate.core.model.Pricing;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Discovery from an OpenAI-style list ({@code GET /v1/models}, or Open WebUI's {@code GET /api/models}): the
 * category comes from the id; what the list says of a model (Requesty's context window, output limit, prices per
 * token and {@code supports_*} flags) comes first, then the curated metadata. Each model keeps its raw JSON.
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
    DiscoveredModel listed = new DiscoveredModel(entry.id(), category, displayName, entry.description(),
        positive(entry.contextWindow()), positive(entry.maxOutputTokens()), described(entry, category),
        pricing(entry), raw, ModelSource.DISCOVERED);
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

  /** What a list that describes its models (Requesty's) says a chat model supports; empty when it says nothing. */
  private static Set<Capability> described(OpenAiWire.ModelEntry entry, ModelCategory category) {
    if (category != ModelCategory.TEXT
        || (entry.supportsVision() == null && entry.supportsReasoning() == null)) {
      return Set.of();
    }
    Set<Capability> capabilities = EnumSet.of(Capability.STREAMING);
    if (Boolean.TRUE.equals(entry.supportsVision())) {
      capabilities.add(Capability.VISION);
    }
    if (Boolean.TRUE.equals(entry.supportsReasoning())) {
      capabilities.add(Capability.REASONING);
    }
    return capabilities;
  }

  /** A listed price per token, per million tokens; null when the list gives none. */
  private static @Nullable Pricing pricing(OpenAiWire.ModelEntry entry) {
    if (entry.inputPrice() == null && entry.outputPrice() == null) {
      return null;
    }
    return new Pricing(perMillion(entry.inputPrice()), perMillion(entry.outputPrice()),
        perMillion(entry.cachedPrice()), null);
  }

  private static @Nullable BigDecimal perMillion(@Nullable Object perToken) {
    BigDecimal price;
    try {
      price = perToken instanceof Number || perToken instanceof String ? new BigDecimal(perToken.toString().strip())
          : null;
    } catch (NumberFormatException e) {
      price = null;
    }
    return price == null || price.signum() < 0 ? null : price.multiply(MILLION).stripTrailingZeros();
  }

  private static @Nullable Integer positive(@Nullable Integer value) {
    return value == null || value <= 0 ? null : value;
  }

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  @Override
  public List<DiscoveredModel> curatedModels() {
    return curated.models();
  }
}
