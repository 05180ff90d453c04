package io.modelgate.persistence;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON the schema keeps in text columns (string maps, id lists and alias defaults: strings, numbers,
 * booleans, null, lists and maps of them), read and written by Moshi. Moshi alone reads every number as a Double;
 * here a number reads back as a Long when integral and in range, else a Double, or a BigDecimal when a Double would
 * lose digits, so {@code max_tokens: 512} stays an integer and money keeps its digits.
 */
final class Json {
  private static final Moshi MOSHI = new Moshi.Builder()
      .add(new ExactNumbers())
      .add(BigDecimal.class, new NumberAdapter<BigDecimal>().nullSafe())
      .add(BigInteger.class, new NumberAdapter<BigInteger>().nullSafe())
      .build();
  private static final JsonAdapter<@Nullable Object> VALUE = MOSHI.adapter(Object.class);
  private static final JsonAdapter<List<String>> STRINGS =
      MOSHI.adapter(Types.newParameterizedType(List.class, String.class));

  private Json() {}

  static String write(@Nullable Object value) {
    try {
      return VALUE.toJson(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot store this value as JSON (use strings, finite numbers, booleans, "
          + "lists and maps): " + e.getMessage(), e);
    }
  }

  static @Nullable Object read(String text) {
    try {
      return VALUE.fromJson(text);
    } catch (IOException | JsonDataException e) {
      throw broken(text, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, @Nullable Object> readObject(String text) {
    if (read(text) instanceof Map<?, ?> map) {
      return (Map<String, @Nullable Object>) map;
    }
    throw new IllegalStateException("stored JSON is not an object: " + abbreviate(text));
  }

  static List<String> readStrings(String text) {
    try {
      List<String> list = STRINGS.fromJson(text);
      if (list == null) {
        throw new IllegalStateException("stored JSON is not a list: " + abbreviate(text));
      }
      return List.copyOf(list);
    } catch (IOException | JsonDataException e) {
      throw broken(text, e);
    }
  }

  private static IllegalStateException broken(String text, Exception e) {
    return new IllegalStateException("stored JSON is broken (" + e.getMessage() + "): " + abbreviate(text), e);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /** Any Number as its JSON number literal (Moshi has no built-in adapter for BigDecimal or BigInteger). */
  private static final class NumberAdapter<N extends Number> extends JsonAdapter<N> {
    @Override
    public N fromJson(JsonReader reader) {
      throw new UnsupportedOperationException("read numbers as Object");
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable N value) throws IOException {
      writer.value(value);
    }
  }

  /** Moshi's own adapter for untyped values, except that numbers keep their exact kind (see the class comment). */
  private static final class ExactNumbers implements JsonAdapter.Factory {
    @Override
    public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (type != Object.class || !annotations.isEmpty()) {
        return null;
      }
      JsonAdapter<Object> standard = moshi.nextAdapter(this, type, annotations);
      return new JsonAdapter<@Nullable Object>() {
        @Override
        public @Nullable Object fromJson(JsonReader reader) throws IOException {
          return reader.peek() == JsonReader.Token.NUMBER ? number(reader.nextString()) : standard.fromJson(reader);
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
          standard.toJson(writer, value);
        }
      };
    }

    private static Number number(String literal) {
      BigDecimal value = new BigDecimal(literal);
      if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
        try {
          return value.longValueExact();
        } catch (ArithmeticException tooBig) {
          return value;
        }
      }
      double d = value.doubleValue();
      return new BigDecimal(Double.toString(d)).compareTo(value) == 0 ? d : value;
    }
  }
}
