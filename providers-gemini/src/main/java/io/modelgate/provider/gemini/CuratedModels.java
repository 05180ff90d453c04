package io.modelgate.provider.gemini;

import com.squareup.moshi.Moshi;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The curated Gemini models shipped in {@code gemini-models.json} (derived from pydantic/genai-prices, MIT; notice
 * in {@code genai-prices-LICENSE.txt} beside it): prices and context windows the list API does not give. Each
 * entry keeps the dataset's matching rule, so a listed {@code gemini-2.0-flash-001} finds the
 * {@code gemini-2.0-flash} prices; the first entry whose rule matches wins, as in the dataset. Immutable.
 */
final class CuratedModels {
  static final String RESOURCE = "gemini-models.json";

  private final List<GeminiWire.CuratedModel> entries;
  private final List<DiscoveredModel> models;

  private CuratedModels(List<GeminiWire.CuratedModel> entries) {
    this.entries = List.copyOf(entries);
    this.models = entries.stream().map(CuratedModels::toModel).toList();
  }

  /** Loads the shipped resource. */
  static CuratedModels load(Moshi moshi) {
    try (InputStream in = CuratedModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the providers-gemini jar");
      }
      GeminiWire.CuratedFile file = moshi.adapter(GeminiWire.CuratedFile.class)
          .fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (file == null) {
        throw new IllegalStateException(RESOURCE + " is empty");
      }
      return new CuratedModels(file.models());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<DiscoveredModel> models() {
    return models;
  }

  /** The curated model whose rule covers {@code model} in {@code category}, or null. */
  @Nullable DiscoveredModel match(String model, ModelCategory category) {
    for (int i = 0; i < entries.size(); i++) {
      if (models.get(i).category() == category && matches(entries.get(i).match(), model)) {
        return models.get(i);
      }
    }
    return null;
  }

  /** Evaluates one genai-prices match clause against {@code name}; unknown clauses match nothing. */
  static boolean matches(Map<String, Object> clause, String name) {
    for (Map.Entry<String, Object> e : clause.entrySet()) {
      Object value = e.getValue();
      boolean hit = switch (e.getKey()) {
        case "equals" -> name.equals(value);
        case "starts_with" -> name.startsWith(String.valueOf(value));
        case "ends_with" -> name.endsWith(String.valueOf(value));
        case "contains" -> name.contains(String.valueOf(value));
        case "regex" -> Pattern.compile(String.valueOf(value)).matcher(name).find();
        case "or" -> clauses(value).stream().anyMatch(c -> matches(c, name));
        case "and" -> clauses(value).stream().allMatch(c -> matches(c, name));
        default -> false;
      };
      if (!hit) {
        return false;
      }
    }
    return !clause.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> clauses(Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          out.add((Map<String, Object>) map);
        }
      }
    }
    return out;
  }

  private static DiscoveredModel toModel(GeminiWire.CuratedModel e) {
    Set<Capability> caps = e.capabilities().stream().map(Capability::parse).collect(Collectors.toSet());
    Pricing pricing = new Pricing(decimal(e.inputPerMillion()), decimal(e.outputPerMillion()),
        decimal(e.cachedInputPerMillion()), null);
    return new DiscoveredModel(e.model(), ModelCategory.parse(e.category()), e.displayName(), e.description(),
        e.contextWindow(), null, caps, pricing.isKnown() ? pricing : null, null, ModelSource.CURATED);
  }

  private static @Nullable BigDecimal decimal(@Nullable String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
