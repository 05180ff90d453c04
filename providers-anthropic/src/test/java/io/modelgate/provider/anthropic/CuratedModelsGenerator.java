package io.modelgate.provider.anthropic;

import com.squareup.moshi.Moshi;
import io.modelgate.provider.anthropic.CuratedModels.CuratedFile;
import io.modelgate.provider.anthropic.CuratedModels.CuratedModel;
import io.modelgate.provider.anthropic.CuratedModels.Match;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code curated-models.json} from pydantic/genai-prices' {@code data.json} (MIT): display name,
 * description, matching rule, context window, and the input, output and cache-read prices in effect on the
 * {@code asOf} date (the base price where the dataset has tiers). The dataset has no maximum output or
 * capabilities, so those come from {@link #CLAUDE}, a hand-kept table from Anthropic's model documentation, which
 * also names the API alias to call and leaves out retired models.
 *
 * <p>Run through {@code CuratedModelsTest} with {@code -Dmodelgate.regenerate=true}, or as a main class from the
 * module directory ({@code [data.json] [yyyy-mm-dd]}); without arguments it reads the shared dataset and uses
 * today. {@code CuratedModelsTest} checks that the shipped file is what this writes for its recorded date.
 */
final class CuratedModelsGenerator {
  static final Path OUTPUT =
      Path.of("src/main/resources/io/modelgate/provider/anthropic", CuratedModels.RESOURCE);
  static final String DATASET =
      "pydantic/genai-prices data.json @ 47df840a5ab10bbcffb8e5ac01b9899032245d1b (MIT, genai-prices-LICENSE.txt)";
  static final String NOTE = "contextWindow, prices, displayName, description and match are derived from the "
      + "dataset (prices in USD per million tokens, the base tier, in effect on pricesAsOf); id, maxOutputTokens "
      + "and capabilities are curated by hand from Anthropic's model documentation. Regenerate with "
      + "CuratedModelsGenerator.";

  private static final List<String> ALL = List.of("streaming", "tools", "vision", "json_output", "reasoning");
  private static final List<String> NO_JSON = List.of("streaming", "tools", "vision", "reasoning");

  /** A Claude model we curate: the dataset's id, the API alias to call, max output (null: not published). */
  record Claude(String datasetId, String apiId, @Nullable Integer maxOutputTokens, List<String> capabilities) {}

  static final List<Claude> CLAUDE = List.of(
      new Claude("claude-3-haiku", "claude-3-haiku-20240307", 4096, List.of("streaming", "tools", "vision")),
      new Claude("claude-3-5-haiku-latest", "claude-3-5-haiku-latest", 8192, List.of("streaming", "tools", "vision")),
      new Claude("claude-3-7-sonnet-latest", "claude-3-7-sonnet-latest", 64000, NO_JSON),
      new Claude("claude-sonnet-4-0", "claude-sonnet-4-0", 64000, NO_JSON),
      new Claude("claude-opus-4-0", "claude-opus-4-0", 32000, NO_JSON),
      new Claude("claude-opus-4-1", "claude-opus-4-1", 32000, ALL),
      new Claude("claude-sonnet-4-5", "claude-sonnet-4-5", 64000, ALL),
      new Claude("claude-haiku-4-5", "claude-haiku-4-5", 64000, ALL),
      new Claude("claude-opus-4-5", "claude-opus-4-5", 64000, ALL),
      new Claude("claude-opus-4-6", "claude-opus-4-6", 128000, ALL),
      new Claude("claude-sonnet-4-6", "claude-sonnet-4-6", 64000, ALL),
      new Claude("claude-opus-4-7", "claude-opus-4-7", null, ALL),
      new Claude("claude-opus-4-8", "claude-opus-4-8", null, ALL),
      new Claude("claude-opus-5", "claude-opus-5", null, ALL),
      new Claude("claude-sonnet-5", "claude-sonnet-5", null, ALL),
      new Claude("claude-fable-5", "claude-fable-5", null, ALL));

  private CuratedModelsGenerator() {}

  public static void main(String[] args) throws IOException {
    Path data = args.length > 0 ? Path.of(args[0]) : dataset();
    LocalDate asOf = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.now();
    Files.writeString(OUTPUT, generate(data, asOf), StandardCharsets.UTF_8);
    System.out.println("wrote " + OUTPUT.toAbsolutePath());
  }

  static Path dataset() {
    return Fixtures.data().resolve("genai-prices/data.json");
  }

  /** The resource text for {@code data.json} at {@code asOf}. */
  static String generate(Path data, LocalDate asOf) throws IOException {
    Moshi moshi = new Moshi.Builder().build();
    List<?> providers = (List<?>) moshi.adapter(Object.class).fromJson(Files.readString(data));
    Map<?, ?> anthropic = providers.stream().map(p -> (Map<?, ?>) p)
        .filter(p -> "anthropic".equals(p.get("id"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no 'anthropic' provider in " + data));
    List<?> datasetModels = (List<?>) anthropic.get("models");
    List<CuratedModel> models = new ArrayList<>();
    for (Claude claude : CLAUDE) {
      Map<?, ?> m = datasetModels.stream().map(x -> (Map<?, ?>) x)
          .filter(x -> claude.datasetId().equals(x.get("id"))).findFirst()
          .orElseThrow(() -> new IllegalStateException("the dataset has no '" + claude.datasetId() + "'"));
      Map<?, ?> prices = pricesAt(m.get("prices"), asOf);
      models.add(new CuratedModel(claude.apiId(), claude.datasetId(), (String) m.get("name"),
          m.get("description") == null ? null : ((String) m.get("description")).strip(),
          matches(m.get("match")), integer(m.get("context_window")), claude.maxOutputTokens(),
          price(prices.get("input_mtok")), price(prices.get("output_mtok")), price(prices.get("cache_read_mtok")),
          claude.capabilities()));
    }
    CuratedFile file = new CuratedFile(DATASET, asOf.toString(), NOTE, models);
    return CuratedModels.adapter(new Moshi.Builder().build()).toJson(file) + "\n";
  }

  /** A plain price object, or the last of a list of {constraint: {start_date}, prices} that began by asOf. */
  private static Map<?, ?> pricesAt(Object prices, LocalDate asOf) {
    if (prices instanceof Map<?, ?> map) {
      return map;
    }
    Map<?, ?> chosen = null;
    for (Object o : (List<?>) prices) {
      Map<?, ?> entry = (Map<?, ?>) o;
      Map<?, ?> constraint = (Map<?, ?>) entry.get("constraint");
      Object start = constraint == null ? null : constraint.get("start_date");
      if (constraint != null && constraint.keySet().stream().anyMatch(k -> !"start_date".equals(k))) {
        throw new IllegalStateException("unsupported price constraint " + constraint);
      }
      if (start == null || !LocalDate.parse((String) start).isAfter(asOf)) {
        chosen = (Map<?, ?>) entry.get("prices");
      }
    }
    if (chosen == null) {
      throw new IllegalStateException("no price in effect on " + asOf + " in " + prices);
    }
    return chosen;
  }

  private static List<Match> matches(Object rule) {
    Map<?, ?> map = (Map<?, ?>) rule;
    if (map.containsKey("or")) {
      List<Match> all = new ArrayList<>();
      for (Object alternative : (List<?>) map.get("or")) {
        all.addAll(matches(alternative));
      }
      return all;
    }
    if (map.size() != 1) {
      throw new IllegalStateException("unsupported match rule " + map);
    }
    return List.of(switch ((String) map.keySet().iterator().next()) {
      case "starts_with" -> new Match((String) map.get("starts_with"), null, null);
      case "equals" -> new Match(null, (String) map.get("equals"), null);
      case "contains" -> new Match(null, null, (String) map.get("contains"));
      default -> throw new IllegalStateException("unsupported match rule " + map);
    });
  }

  /** A number, or the {@code base} of a tiered price. */
  private static @Nullable String price(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    Object number = value instanceof Map<?, ?> tiered ? tiered.get("base") : value;
    return BigDecimal.valueOf(((Number) number).doubleValue()).stripTrailingZeros().toPlainString();
  }

  private static @Nullable Integer integer(@Nullable Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
