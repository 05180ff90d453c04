package io.modelgate.provider.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.model.Pricing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The prices genai-prices lacks — speech per character (ElevenLabs, Azure AI Speech) and DALL·E per image — kept
 * in one data file, {@code list-prices.json}, where every price names the public price list it comes from. A
 * provider module asks for a model's price by its provider kind and model id. Immutable.
 */
public final class ListPrices {
  static final String RESOURCE = "list-prices.json";

  private record Price(String provider, Pattern model, Pricing pricing) {}

  private static final JsonAdapter<Object> FILE = new Moshi.Builder().build().adapter(Object.class);

  private final List<Price> prices;

  private ListPrices(List<Price> prices) {
    this.prices = List.copyOf(prices);
  }

  /** The prices this module ships. */
  public static ListPrices load() {
    try (InputStream in = ListPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the providers-http jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a prices file; an entry without a source, a price, or a valid pattern is an error naming it. */
  static ListPrices parse(String json) {
    Object file;
    try {
      file = FILE.fromJson(json);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(RESOURCE + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(file instanceof Map<?, ?> root) || !(root.get("prices") instanceof List<?> entries)) {
      throw new IllegalArgumentException(RESOURCE + " has no 'prices' list");
    }
    List<Price> prices = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = RESOURCE + " prices[" + i + "]";
      Map<?, ?> e = entries.get(i) instanceof Map<?, ?> m ? m : Map.of();
      String provider = text(e, "provider");
      String modelPattern = text(e, "model_pattern");
      if (provider == null || modelPattern == null) {
        throw new IllegalArgumentException(where + " needs 'provider' and 'model_pattern'");
      }
      where += " (" + provider + " " + modelPattern + ")";
      String source = text(e, "source");
      String quote = text(e, "quote");
      if (source == null || !source.startsWith("https://") || quote == null || quote.isBlank()) {
        throw new IllegalArgumentException(where + " needs a 'source' (an https URL) and the 'quote' it states");
      }
      String input = text(e, "input_per_million");
      String perRequest = text(e, "per_request");
      if (input == null && perRequest == null) {
        throw new IllegalArgumentException(where + " gives no price");
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(modelPattern);
      } catch (PatternSyntaxException x) {
        throw new IllegalArgumentException(where + " has a bad 'model_pattern': " + x.getDescription(), x);
      }
      prices.add(new Price(provider, pattern, new Pricing(decimal(input, where), null, null,
          decimal(perRequest, where))));
    }
    return new ListPrices(prices);
  }

  private static @Nullable String text(Map<?, ?> entry, String field) {
    Object value = entry.get(field);
    return value instanceof String s ? s : null;
  }

  private static @Nullable BigDecimal decimal(@Nullable String text, String where) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " has a price that is not a number: '" + text + "'", e);
    }
  }

  /** The price of {@code model} of {@code provider} (a provider kind's wire name): the first entry matching it. */
  public Optional<Pricing> find(String provider, String model) {
    return prices.stream().filter(p -> p.provider().equals(provider) && p.model().matcher(model).matches())
        .map(Price::pricing).findFirst();
  }
}
