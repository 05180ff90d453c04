package io.modelgate.adapter.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.error.InvalidRequestException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The one Moshi of the service: reads request bodies as JSON trees, writes the wire records. Thread-safe. */
@Singleton
final class JsonCodec {
  /** Amounts as plain decimal numbers; the service only writes them. */
  private static final JsonAdapter<BigDecimal> DECIMAL = new JsonAdapter<>() {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      return new BigDecimal(reader.nextString());
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
  private static final JsonAdapter<Instant> INSTANT = new JsonAdapter<>() {
    @Override
    public Instant fromJson(JsonReader reader) throws IOException {
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

  /** A BigDecimal written without an exponent ({@code 0.0000025}, not {@code 2.5E-6}). */
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

  /** JSON kept as its text (a provider's log probabilities), written out as it is. */
  private static final JsonAdapter<OpenAiWire.RawJson> RAW = new JsonAdapter<>() {
    @Override
    public OpenAiWire.RawJson fromJson(JsonReader reader) throws IOException {
      try (var source = reader.nextSource()) {
        return new OpenAiWire.RawJson(source.readUtf8());
      }
    }

    @Override
    public void toJson(JsonWriter writer, OpenAiWire.@Nullable RawJson value) throws IOException {
      if (value == null) {
        writer.nullValue();
        return;
      }
      try (var sink = writer.valueSink()) {
        sink.writeUtf8(value.json());
      }
    }
  };

  private final Moshi moshi = new Moshi.Builder().add(BigDecimal.class, DECIMAL)
      .add(Instant.class, INSTANT).add(OpenAiWire.RawJson.class, RAW).build();
  private final JsonAdapter<Object> any = moshi.adapter(Object.class);
  private final JsonAdapter<Map<String, Object>> tree = moshi.<Map<String, Object>>adapter(
      Types.newParameterizedType(Map.class, String.class, Object.class)).serializeNulls();

  @Inject
  JsonCodec() {}

  /** Parses a request body that must be one JSON object. */
  @SuppressWarnings("unchecked")
  Map<String, Object> readObject(byte[] body) {
    if (body.length == 0) {
      throw new InvalidRequestException("the request body must be a JSON object; it was empty", null);
    }
    Object value;
    try {
      value = any.fromJson(new String(body, StandardCharsets.UTF_8));
    } catch (JsonDataException | IOException e) {
      throw new InvalidRequestException("the request body is not valid JSON", null);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidRequestException("the request body must be a JSON object", null);
    }
    return (Map<String, Object>) map;
  }

  /** Parses JSON text of any shape (a schema, raw provider metadata); null when it is not JSON. */
  @Nullable Object parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return any.fromJson(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A JSON tree (maps, lists, numbers) as text, nulls kept. */
  String treeText(Object value) {
    return value instanceof Map<?, ?> ? tree.toJson(castMap(value)) : any.toJson(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }

  /** A wire record (or tree) as UTF-8 JSON; null fields are left out. */
  <T> byte[] write(T value) {
    if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
      return any.toJson(value).getBytes(StandardCharsets.UTF_8);
    }
    @SuppressWarnings("unchecked")
    JsonAdapter<T> adapter = (JsonAdapter<T>) moshi.adapter(value.getClass());
    return adapter.toJson(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Like {@link #write} but with null fields written out, as OpenAI's error body has them. */
  <T> byte[] writeWithNulls(T value) {
    @SuppressWarnings("unchecked")
    JsonAdapter<T> adapter = (JsonAdapter<T>) moshi.adapter(value.getClass());
    return adapter.serializeNulls().toJson(value).getBytes(StandardCharsets.UTF_8);
  }
}
