package io.modelgate.provider.openai;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Regenerates {@code src/main/resources/io/modelgate/provider/openai/curated-models.json} from the genai-prices
 * dataset ({@code shared/data/genai-prices/data.json}): run {@code main} from the module directory. The dataset gives
 * ids, matching names, context windows and prices; output limits and capabilities, which it lacks, come from the
 * small hand-kept tables below (OpenAI's model pages), for OpenAI models only.
 *
 * <p>Rules: a model's names are its {@code equals} matches and its prefixes its {@code starts_with} matches
 * ({@code regex}/{@code contains} rules are left out); prices are the base of tiered prices, and of time-based
 * price lists the last entry that is not a time-boxed promotion; transcription and moderation models are left out,
 * as discovery skips them (image models stay: their token prices price {@code /v1/images/generations}).
 */
final class CuratedModelsGenerator {
  static final String DATASET_COMMIT = "47df840a5ab10bbcffb8e5ac01b9899032245d1b";

  /** dataset provider id → our provider key (a preset id, or {@code openai}). */
  static final Map<String, String> PROVIDERS = orderedMap(
      "openai", "openai", "x-ai", "xai", "mistral", "mistral", "deepseek", "deepseek", "groq", "groq",
      "together", "together");

  /** Max output tokens of OpenAI models, by dataset id (OpenAI's model pages). */
  static final Map<String, Integer> OPENAI_MAX_OUTPUT = Map.ofEntries(
      Map.entry("gpt-3.5-turbo", 4096), Map.entry("gpt-4", 8192), Map.entry("gpt-4-turbo", 4096),
      Map.entry("chatgpt-4o-latest", 16384), Map.entry("gpt-4o", 16384), Map.entry("gpt-4o-mini", 16384),
      Map.entry("gpt-4.1", 32768), Map.entry("gpt-4.1-mini", 32768), Map.entry("gpt-4.1-nano", 32768),
      Map.entry("gpt-5", 128000), Map.entry("gpt-5-mini", 128000), Map.entry("gpt-5-nano", 128000),
      Map.entry("o1", 100000), Map.entry("o1-mini", 65536), Map.entry("o3", 100000), Map.entry("o3-mini", 100000),
      Map.entry("o4-mini", 100000));

  private CuratedModelsGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dataset = Fixtures.data().resolve("genai-prices/data.json");
    Path target = Path.of("src/main/resources/io/modelgate/provider/openai", CuratedModels.RESOURCE);
    Files.writeString(target, generate(dataset), StandardCharsets.UTF_8);
    System.out.println("wrote " + target.toAbsolutePath());
  }

  static String generate(Path dataset) throws IOException {
    JsonAdapter<Object> any = OpenAiHttp.MOSHI.adapter(Object.class);
    List<?> providers = (List<?>) any.fromJson(Files.readString(dataset, StandardCharsets.UTF_8));
    Map<String, List<OpenAiWire.CuratedEntry>> out = new LinkedHashMap<>();
    PROVIDERS.forEach((datasetId, key) -> {
      for (Object p : providers) {
        Map<?, ?> provider = (Map<?, ?>) p;
        if (datasetId.equals(provider.get("id"))) {
          List<OpenAiWire.CuratedEntry> entries = new ArrayList<>();
          for (Object m : (List<?>) provider.get("models")) {
            OpenAiWire.CuratedEntry entry = entry(key, (Map<?, ?>) m);
            if (entry != null) {
              entries.add(entry);
            }
          }
          out.put(key, entries);
        }
      }
    });
    OpenAiWire.CuratedFile file = new OpenAiWire.CuratedFile(
        "pydantic/genai-prices data.json @ " + DATASET_COMMIT + " (MIT, see genai-prices-LICENSE.txt);"
            + " regenerate with CuratedModelsGenerator", out);
    return OpenAiHttp.MOSHI.adapter(OpenAiWire.CuratedFile.class).indent("  ").toJson(file) + "\n";
  }

  private static OpenAiWire.@Nullable CuratedEntry entry(String key, Map<?, ?> model) {
    String id = (String) model.get("id");
    Set<String> names = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    collect(model.get("match"), names, prefixes);
    if (names.isEmpty() && prefixes.isEmpty()) {
      return null;
    }
    ModelClassifier kind = ModelClassifier.classify(names.isEmpty() ? id : names.iterator().next());
    if (kind.skipped()) {
      return null;
    }
    ModelCategory category = kind.category();
    Integer context = model.get("context_window") instanceof Number n ? n.intValue() : null;
    Integer maxOutput = key.equals("openai") ? OPENAI_MAX_OUTPUT.get(id) : null;
    return new OpenAiWire.CuratedEntry(id, List.copyOf(names), List.copyOf(prefixes),
        (String) model.get("name"), (String) model.get("description"), category.wireName(), context, maxOutput,
        capabilities(key, id, category).stream().map(Capability::wireName).toList(), price(model.get("prices")));
  }

  /** Hand-kept: what OpenAI's model pages say each family supports. Elsewhere only streaming is known. */
  static Set<Capability> capabilities(String key, String id, ModelCategory category) {
    if (category != ModelCategory.TEXT) {
      return Set.of();
    }
    EnumSet<Capability> caps = EnumSet.of(Capability.STREAMING);
    if (!key.equals("openai")) {
      return caps;
    }
    boolean chatFamily = id.startsWith("gpt-3.5-turbo") || id.startsWith("gpt-4") || id.startsWith("gpt-5")
        || id.matches("o[134](-.*)?");
    boolean audioOrRealtime = id.contains("audio") || id.contains("realtime") || id.contains("search");
    if (chatFamily && !audioOrRealtime && !id.equals("o1-mini") && !id.contains("instruct")) {
      caps.add(Capability.TOOLS);
      caps.add(Capability.JSON_OUTPUT);
    }
    boolean vision = id.startsWith("gpt-4o") || id.startsWith("gpt-4.1") || id.startsWith("gpt-4-turbo")
        || id.startsWith("gpt-4-vision") || id.startsWith("gpt-4.5") || id.startsWith("gpt-5")
        || id.equals("chatgpt-4o-latest") || id.equals("o1") || id.equals("o1-pro") || id.equals("o3")
        || id.equals("o3-pro") || id.equals("o4-mini");
    if (vision && !audioOrRealtime) {
      caps.add(Capability.VISION);
    }
    if (id.matches("o[134](-.*)?") || (id.startsWith("gpt-5") && !id.contains("chat"))) {
      caps.add(Capability.REASONING);
    }
    return caps;
  }

  private static void collect(@Nullable Object match, Set<String> names, Set<String> prefixes) {
    if (!(match instanceof Map<?, ?> m)) {
      return;
    }
    if (m.get("equals") instanceof String s) {
      names.add(s);
    }
    if (m.get("starts_with") instanceof String s) {
      prefixes.add(s);
    }
    if (m.get("or") instanceof List<?> any) {
      any.forEach(x -> collect(x, names, prefixes));
    }
  }

  private static OpenAiWire.@Nullable CuratedPrice price(@Nullable Object prices) {
    Map<?, ?> chosen = null;
    if (prices instanceof Map<?, ?> m) {
      chosen = m;
    } else if (prices instanceof List<?> list) {
      for (Object o : list) { // the last standing price, not a time-boxed promotion
        Map<?, ?> e = (Map<?, ?>) o;
        Map<?, ?> constraint = e.get("constraint") instanceof Map<?, ?> c ? c : Map.of();
        if (!constraint.containsKey("start_time") && !constraint.containsKey("end_time")) {
          chosen = (Map<?, ?>) e.get("prices");
        }
      }
    }
    if (chosen == null) {
      return null;
    }
    String input = decimal(chosen.get("input_mtok"));
    String output = decimal(chosen.get("output_mtok"));
    String cached = decimal(chosen.get("cache_read_mtok"));
    return input == null && output == null ? null : new OpenAiWire.CuratedPrice(input, output, cached);
  }

  private static @Nullable String decimal(@Nullable Object value) {
    if (value instanceof Map<?, ?> tiered) {
      value = tiered.get("base");
    }
    if (value instanceof Number n) {
      return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }
    return null;
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
