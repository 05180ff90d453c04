package io.modelgate.wire;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How the wire records' values are written as JSON: instants as ISO-8601 text, amounts as plain decimals. */
public final class WireJson {
  private WireJson() {}

  /** Amounts as plain decimal numbers ({@code 0.0000025}, not {@code 2.5E-6}). */
  public static final JsonAdapter<BigDecimal> DECIMAL = new JsonAdapter<>() {
    @Override
    public @Nullable BigDecimal fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      String text = reader.nextString();
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException("Expected a number but was " + text + " at path " + reader.getPath());
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable BigDecimal value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else {
        writer.value(new PlainDecimal(value));
      }
    }
  };

  /** Instants as ISO-8601 text. */
  public static final JsonAdapter<Instant> INSTANT = new JsonAdapter<>() {
    @Override
    public @Nullable Instant fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      return Instant.parse(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Instant value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else {
        writer.value(value.toString());
      }
    }
  };

  /** A Moshi builder that reads and writes every wire record (records through {@link RecordAdapters}). */
  public static Moshi.Builder moshi() {
    return new Moshi.Builder().add(BigDecimal.class, DECIMAL).add(Instant.class, INSTANT)
        .addLast(new RecordAdapters());
  }

  /** A BigDecimal written without an exponent. */
  private static final class PlainDecimal extends Number {
    private final BigDecimal value;

    PlainDecimal(BigDecimal value) {
      this.value = value;
    }

    @Override public int intValue() { return value.intValue(); }
    @Override public long longValue() { return value.longValue(); }
    @Override public float floatValue() { return value.floatValue(); }
    @Override public double doubleValue() { return value.doubleValue(); }
    @Override public String toString() { return value.toPlainString(); }
  }
}
