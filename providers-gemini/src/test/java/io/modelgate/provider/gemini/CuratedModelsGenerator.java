package io.modelgate.provider.gemini;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code src/main/resources/io/modelgate/provider/gemini/gemini-models.json} from the genai-prices dataset
 * ({@code shared/data/genai-prices/data.json}, provider {@code google}). Run it after updating the dataset:
 * {@code java ... CuratedModelsGenerator <data.json> <out.json>}; {@link CuratedModelsTest} checks the shipped file
 * still equals what this writes.
 *
 * <p>Rules, all here so they can be read in one place:
 * <ul>
 *   <li>Only {@code gemini-*} and {@code gemma-*} entries (the provider also prices Claude on Vertex). Live-API
 *       ({@code gemini-live-*}) and video ({@code gemini-omni-*}) models are left out: they do not speak
 *       generateContent.
 *   <li>Category: {@code embedding} when the id holds {@code embedding}, else {@code text}.
 *   <li>Prices: {@code input_mtok}, {@code output_mtok}, {@code cache_read_mtok}. A tiered price takes its base
 *       (the rate below the first tier); time-based prices take the entry without a constraint (today's). An input
 *       or output price the dataset leaves out is 0 (its convention: the unit is not charged), so the free Gemma
 *       models read as free; a missing cache-read price stays unknown (core then charges the input rate).
 *   <li>Capabilities are not in the dataset and come from this generator's own naming rule: Gemini text models
 *       stream, call tools, see images and write JSON, except image-output models (no tools, no JSON mode);
 *       2.5 and 3.x text models also reason. Gemma models only stream (the Gemini API gives them no tools or JSON
 *       mode).
 * </ul>
 */
final class CuratedModelsGenerator {
  static final String SOURCE =
      "pydantic/genai-prices data.json (provider google), via shared/data/genai-prices; see CuratedModelsGenerator";
  static final String LICENSE = "MIT, Copyright (c) Pydantic Services Inc.; notice in genai-prices-LICENSE.txt";

  private CuratedModelsGenerator() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data/genai-prices/data.json");
    Path out = Path.of(args.length > 1 ? args[1]
        : "src/main/resources/io/modelgate/provider/gemini/" + CuratedModels.RESOURCE);
    Files.writeString(out, generate(data), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** The resource text derived from {@code dataJson}. */
  static String generate(Path dataJson) throws IOException {
    Moshi moshi = GeminiDriver.newMoshi();
    JsonAdapter<List<Map<String, Object>>> providers =
        moshi.adapter(Types.newParameterizedType(List.class, Map.class));
    List<Map<String, Object>> dataset = providers.fromJson(Files.readString(dataJson, StandardCharsets.UTF_8));
    Map<String, Object> google = dataset.stream().filter(p -> "google".equals(p.get("id"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no 'google' provider in " + dataJson));
    List<GeminiWire.CuratedModel> models = new ArrayList<>();
    for (Object o : (List<?>) google.get("models")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) o;
      String id = (String) m.get("id");
      if (!(id.startsWith("gemini") || id.startsWith("gemma"))
          || id.startsWith("gemini-live") || id.startsWith("gemini-omni")) {
        continue;
      }
      boolean embedding = id.contains("embedding");
      Map<String, Object> prices = currentPrices(m.get("prices"));
      @SuppressWarnings("unchecked")
      Map<String, Object> match = (Map<String, Object>) m.get("match");
      models.add(new GeminiWire.CuratedModel(
          id,
          embedding ? "embedding" : "text",
          (String) m.get("name"),
          (String) m.get("description"),
          m.get("context_window") instanceof Number n ? n.intValue() : null,
          price(prices.get("input_mtok"), "0"),
          price(prices.get("output_mtok"), "0"),
          price(prices.get("cache_read_mtok"), null),
          capabilities(id, embedding),
          match));
    }
    return moshi.adapter(GeminiWire.CuratedFile.class).indent("  ")
        .toJson(new GeminiWire.CuratedFile(SOURCE, LICENSE, models)) + "\n";
  }

  private static List<String> capabilities(String id, boolean embedding) {
    if (embedding) {
      return List.of();
    }
    if (id.startsWith("gemma")) {
      return List.of("streaming");
    }
    boolean image = id.contains("-image");
    List<String> caps = new ArrayList<>(List.of("streaming", "vision"));
    if (!image) {
      caps.add("tools");
      caps.add("json_output");
    }
    if (id.startsWith("gemini-3") || (id.startsWith("gemini-2.5") && !image)) {
      caps.add("reasoning");
    }
    return caps;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> currentPrices(Object prices) {
    if (prices instanceof List<?> periods) {
      for (Object p : periods) {
        Map<String, Object> period = (Map<String, Object>) p;
        if (period.get("constraint") == null) {
          return (Map<String, Object>) period.get("prices");
        }
      }
      return (Map<String, Object>) ((Map<String, Object>) periods.getFirst()).get("prices");
    }
    return prices == null ? Map.of() : (Map<String, Object>) prices;
  }

  private static @Nullable String price(@Nullable Object value, @Nullable String missing) {
    if (value instanceof Map<?, ?> tiered) {
      value = tiered.get("base");
    }
    if (value instanceof Number n) {
      return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }
    return missing;
  }
}
