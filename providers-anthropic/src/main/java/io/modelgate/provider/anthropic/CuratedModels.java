package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Claude models this module ships metadata for, read from {@code curated-models.json} beside this class. Their
 * context windows and prices are derived from pydantic/genai-prices (MIT, see {@code genai-prices-LICENSE.txt});
 * maximum output tokens and capabilities are curated by hand from Anthropic's model documentation. The file is
 * written by {@code CuratedModelsGenerator} in this module's tests. Immutable and thread-safe.
 */
final class CuratedModels {
  static final String RESOURCE = "curated-models.json";

  /** The resource file's shape. */
  public record CuratedFile(
      String dataset, String pricesAsOf, String note, List<CuratedModel> models) {}

  /** One curated model: its API name, how listed names are matched to it, and its metadata. */
  public record CuratedModel(
      String id,
      String datasetId,
      @Nullable String displayName,
      @Nullable String description,
      List<Match> match,
      @Nullable Integer contextWindow,
      @Nullable Integer maxOutputTokens,
      @Nullable String inputPerMillion,
      @Nullable String outputPerMillion,
      @Nullable String cachedInputPerMillion,
      List<String> capabilities) {}

  /** One alternative of the dataset's matching rule; exactly one field is set. */
  public record Match(@Nullable String startsWith, @Nullable String equals, @Nullable String contains) {
    boolean matches(String model) {
      return (startsWith != null && model.startsWith(startsWith))
          || (equals != null && model.equals(equals))
          || (contains != null && model.contains(contains));
    }

    int length() {
      String value = startsWith != null ? startsWith : equals != null ? equals : contains;
      return value == null ? 0 : value.length();
    }
  }

  private final List<CuratedModel> entries;
  private final List<DiscoveredModel> models;

  private CuratedModels(List<CuratedModel> entries) {
    this.entries = List.copyOf(entries);
    this.models = entries.stream().map(CuratedModels::toDiscovered).toList();
  }

  static JsonAdapter<CuratedFile> adapter(Moshi moshi) {
    return moshi.adapter(CuratedFile.class).indent("  ");
  }

  static CuratedModels load(Moshi moshi) {
    try (InputStream in = CuratedModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the providers-anthropic jar");
      }
      CuratedFile file = adapter(moshi).fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (file == null) {
        throw new IllegalStateException(RESOURCE + " is empty");
      }
      return new CuratedModels(file.models());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }

  /** Every curated model, as {@link ModelSource#CURATED} entries. */
  List<DiscoveredModel> all() {
    return models;
  }

  /**
   * The curated model a listed name such as {@code claude-haiku-4-5-20251001} belongs to: the one whose matching
   * rule matches with the longest pattern.
   */
  Optional<DiscoveredModel> find(String model) {
    int best = -1;
    DiscoveredModel found = null;
    for (int i = 0; i < entries.size(); i++) {
      int length = entries.get(i).match().stream().filter(m -> m.matches(model))
          .max(Comparator.comparingInt(Match::length)).map(Match::length).orElse(-1);
      if (length > best) {
        best = length;
        found = models.get(i);
      }
    }
    return Optional.ofNullable(found);
  }

  private static DiscoveredModel toDiscovered(CuratedModel m) {
    Set<Capability> caps = m.capabilities().isEmpty() ? Set.of()
        : m.capabilities().stream().map(Capability::parse)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Capability.class)));
    Pricing pricing = new Pricing(decimal(m.inputPerMillion()), decimal(m.outputPerMillion()),
        decimal(m.cachedInputPerMillion()), null);
    return new DiscoveredModel(m.id(), ModelCategory.TEXT, m.displayName(), m.description(), m.contextWindow(),
        m.maxOutputTokens(), caps, pricing.isKnown() ? pricing : null, null, ModelSource.CURATED);
  }

  private static @Nullable BigDecimal decimal(@Nullable String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
