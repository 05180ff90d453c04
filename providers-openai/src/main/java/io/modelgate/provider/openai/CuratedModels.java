package io.modelgate.provider.openai;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The metadata this module ships for models whose list API says nothing but their id: context window, output
 * limit, capabilities and prices, per provider ({@code openai}, {@code xai}, {@code mistral}, …). Derived from the
 * genai-prices dataset (MIT, see {@code genai-prices-LICENSE.txt}) by {@code CuratedModelsGenerator} in the tests.
 * Immutable.
 */
final class CuratedModels {
  static final String RESOURCE = "curated-models.json";

  private final Map<String, List<OpenAiWire.CuratedEntry>> byProvider;

  private CuratedModels(Map<String, List<OpenAiWire.CuratedEntry>> byProvider) {
    this.byProvider = Map.copyOf(byProvider);
  }

  static CuratedModels load() {
    try (InputStream in = CuratedModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the providers-openai jar");
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new CuratedModels(parse(json).providers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenAiWire.CuratedFile parse(String json) {
    return OpenAiHttp.parse(OpenAiHttp.MOSHI.adapter(OpenAiWire.CuratedFile.class), json);
  }

  /** The provider keys with curated models. */
  Set<String> providers() {
    return byProvider.keySet();
  }

  /** The curated models of {@code provider} (empty for one with none), as catalog entries. */
  Catalog forProvider(@Nullable String provider) {
    return new Catalog(provider == null ? List.of() : byProvider.getOrDefault(provider, List.of()));
  }

  /** One provider's curated models. */
  static final class Catalog {
    private final List<OpenAiWire.CuratedEntry> entries;
    private final List<DiscoveredModel> models;

    private Catalog(List<OpenAiWire.CuratedEntry> entries) {
      this.entries = List.copyOf(entries);
      this.models = entries.stream().map(e -> model(e.id(), e)).toList();
    }

    List<DiscoveredModel> models() {
      return models;
    }

    /**
     * The entry for a listed {@code id}: one that names it exactly, else the one with the longest matching prefix
     * (a dated snapshot such as {@code gpt-4o-mini-realtime-preview-2024-12-17}).
     */
    Optional<DiscoveredModel> match(String id) {
      Optional<OpenAiWire.CuratedEntry> exact = entries.stream()
          .filter(e -> e.id().equals(id) || e.names().contains(id)).findFirst();
      Optional<OpenAiWire.CuratedEntry> found = exact.isPresent() ? exact : entries.stream()
          .filter(e -> e.prefixes().stream().anyMatch(id::startsWith))
          .max(Comparator.comparingInt(e -> e.prefixes().stream().filter(id::startsWith)
              .mapToInt(String::length).max().orElse(0)));
      return found.map(e -> model(id, e));
    }

    private static DiscoveredModel model(String id, OpenAiWire.CuratedEntry e) {
      Pricing pricing = e.pricing() == null ? null : new Pricing(decimal(e.pricing().input()),
          decimal(e.pricing().output()), decimal(e.pricing().cachedInput()), null);
      return new DiscoveredModel(id, ModelCategory.parse(e.category()), e.displayName(), e.description(),
          e.contextWindow(), e.maxOutputTokens(),
          e.capabilities().stream().map(Capability::parse).collect(Collectors.toSet()),
          pricing, null, ModelSource.CURATED);
    }

    private static @Nullable BigDecimal decimal(@Nullable String value) {
      return value == null ? null : new BigDecimal(value);
    }
  }
}
