package io.modelgate.provider.openrouter;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.port.ModelDiscovery;
import io.modelgate.provider.openai.internal.ListedModels;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/models}, whose metadata is complete: prices per token become prices per million, limits,
 * input modalities and supported parameters become capabilities. Models that output neither text nor embeddings
 * (image or audio generators) are skipped and counted by their output. A paged answer ({@code links.next}) is
 * followed to its last page. Thread-safe.
 */
final class OpenRouterDiscovery implements ModelDiscovery {
  private static final JsonAdapter<OpenRouterWire.Model> MODEL = OpenAiHttp.MOSHI.adapter(OpenRouterWire.Model.class);
  private static final JsonAdapter<OpenRouterWire.Page> PAGE = OpenAiHttp.MOSHI.adapter(OpenRouterWire.Page.class);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Headers headers;

  OpenRouterDiscovery(OkHttpClient client, HttpUrl url, Headers headers) {
    this.client = client;
    this.url = url;
    this.headers = headers;
  }

  @Override
  public ModelListing listModels() {
    return ListedModels.listPages(client, new Request.Builder().url(url).headers(headers).get().build(), MODEL,
        model -> category(model) == null ? outputs(model).stream().findFirst().orElse("unknown-output") : null,
        (model, raw) -> map(model, Objects.requireNonNull(category(model)), raw), this::nextPage);
  }

  /** OpenRouter's {@code links.next} ({@code /api/v1/models?offset=500&limit=500}), resolved; null on the last page. */
  private @Nullable HttpUrl nextPage(String body) {
    try {
      OpenRouterWire.Page page = PAGE.fromJson(body);
      String next = page == null || page.links() == null ? null : page.links().next();
      return next == null || next.isBlank() ? null : url.resolve(next);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Embedding when the model outputs embeddings, text when it outputs text, else none (an image generator). */
  static @Nullable ModelCategory category(OpenRouterWire.Model model) {
    List<String> outputs = outputs(model);
    if (outputs.contains("embeddings") || outputs.contains("embedding")) {
      return ModelCategory.EMBEDDING;
    }
    return outputs.contains("text") ? ModelCategory.TEXT : null;
  }

  private static List<String> outputs(OpenRouterWire.Model model) {
    return model.architecture() == null || model.architecture().outputModalities() == null
        ? List.of("text") : model.architecture().outputModalities();
  }

  static DiscoveredModel map(OpenRouterWire.Model m, ModelCategory category, String raw) {
    Integer maxOutput = m.topProvider() == null ? null : m.topProvider().maxCompletionTokens();
    return new DiscoveredModel(m.id(), category, m.name(), m.description(), m.contextLength(), maxOutput,
        capabilities(m, category), pricing(m.pricing()), raw, ModelSource.DISCOVERED);
  }

  static Set<Capability> capabilities(OpenRouterWire.Model m, ModelCategory category) {
    if (category != ModelCategory.TEXT) {
      return Set.of();
    }
    EnumSet<Capability> caps = EnumSet.of(Capability.STREAMING);
    List<String> inputs = m.architecture() == null || m.architecture().inputModalities() == null
        ? List.of() : m.architecture().inputModalities();
    if (inputs.contains("image")) {
      caps.add(Capability.VISION);
    }
    List<String> params = m.supportedParameters() == null ? List.of() : m.supportedParameters();
    if (params.contains("tools")) {
      caps.add(Capability.TOOLS);
    }
    if (params.contains("response_format") || params.contains("structured_outputs")) {
      caps.add(Capability.JSON_OUTPUT);
    }
    if (params.contains("reasoning") || params.contains("include_reasoning")) {
      caps.add(Capability.REASONING);
    }
    return caps;
  }

  static @Nullable Pricing pricing(OpenRouterWire.@Nullable Prices p) {
    if (p == null) {
      return null;
    }
    Pricing pricing = new Pricing(perMillion(p.prompt()), perMillion(p.completion()),
        perMillion(p.inputCacheRead()), usd(p.request()));
    return pricing.isKnown() ? pricing : null;
  }

  /** USD per token → per million; a negative price ("-1", the router models' "varies") is unknown. */
  private static @Nullable BigDecimal perMillion(@Nullable String perToken) {
    BigDecimal value = usd(perToken);
    return value == null ? null : value.multiply(MILLION).stripTrailingZeros();
  }

  private static @Nullable BigDecimal usd(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text.trim());
      return value.signum() < 0 ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
