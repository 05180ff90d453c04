package io.modelgate.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.wire.WireJson;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The one Moshi of the service: reads request bodies as JSON trees or as request records, writes the wire records.
 * Thread-safe.
 */
@Singleton
final class JsonCodec {
  private static final Pattern MISMATCH = Pattern.compile(
      "Expected (an? \\w+|[A-Z_]+) but was .*at path \\$\\.?([^\\s,]*)");

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

  private final Moshi moshi = WireJson.moshi().add(OpenAiWire.RawJson.class, RAW)
      .add(new OpenAiWire.ChunkChoiceAdapter()).build();
  private final JsonAdapter<Object> any = moshi.adapter(Object.class);
  private final JsonAdapter<Map<String, Object>> tree = moshi.<Map<String, Object>>adapter(
      Types.newParameterizedType(Map.class, String.class, Object.class)).serializeNulls();

  /** Request records are read strictly: a number is not a string, nor a string a number. */
  private final Moshi strict = moshi.newBuilder().add(new StrictScalars()).build();
  private final WireSchema.RequiredFields required = new WireSchema.RequiredFields();

  @Inject
  JsonCodec() {}

  /**
   * A request body (read by {@link #readObject}) as the request record that describes it: a field of the wrong type
   * or a required field left out is a 400 naming the field ({@code messages[2].role}); unknown fields are ignored.
   */
  <R extends Record> R readRecord(Map<String, Object> body, Class<R> type) {
    R value;
    try {
      value = strict.adapter(type).fromJsonValue(body);
    } catch (JsonDataException e) {
      throw mismatch(e);
    }
    if (value == null) {
      throw new InvalidRequestException("the request body must be a JSON object", null);
    }
    required.check(value);
    return value;
  }

  private static InvalidRequestException mismatch(JsonDataException e) {
    Matcher m = MISMATCH.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return new InvalidRequestException("the request body does not have the expected shape", null);
    }
    String field = m.group(2);
    String expected = switch (m.group(1)) {
      case "BEGIN_ARRAY" -> "an array";
      case "BEGIN_OBJECT" -> "an object";
      case "an int", "a long" -> "an integer";
      case "a double" -> "a number";
      case "STRING" -> "a string";
      case "NUMBER" -> "a number";
      case "BOOLEAN" -> "a boolean";
      default -> m.group(1).toLowerCase(java.util.Locale.ROOT);
    };
    return new InvalidRequestException("'" + field + "' must be " + expected, field.isEmpty() ? null : field);
  }

  /** Moshi's adapters for strings and numbers, refusing the other kind instead of converting it. */
  private static final class StrictScalars implements JsonAdapter.Factory {
    private static final Map<Type, JsonReader.Token> TOKENS = Map.of(
        String.class, JsonReader.Token.STRING,
        Integer.class, JsonReader.Token.NUMBER, int.class, JsonReader.Token.NUMBER,
        Long.class, JsonReader.Token.NUMBER, long.class, JsonReader.Token.NUMBER,
        Double.class, JsonReader.Token.NUMBER, double.class, JsonReader.Token.NUMBER);

    @Override
    public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      JsonReader.Token token = TOKENS.get(type);
      if (token == null || !annotations.isEmpty()) {
        return null;
      }
      JsonAdapter<Object> standard = moshi.nextAdapter(this, type, annotations);
      return new JsonAdapter<@Nullable Object>() {
        @Override
        public @Nullable Object fromJson(JsonReader reader) throws IOException {
          JsonReader.Token found = reader.peek();
          if (found != token && found != JsonReader.Token.NULL) {
            String expected = token == JsonReader.Token.STRING ? "a string"
                : type == Double.class || type == double.class ? "a double" : "an int";
            throw new JsonDataException("Expected " + expected + " but was " + found + " at path " + reader.getPath());
          }
          return standard.fromJson(reader);
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
          standard.toJson(writer, value);
        }
      };
    }
  }

  /** Parses a request body that must be one JSON object. */
  @SuppressWarnings("unchecked")
  Map<String, Object> readObject(byte[] body) {
    if (body.length == 0) {
      throw new InvalidRequestException("the request body must be a JSON object; it was empty", null);
    }
    Object value;
    // Read from the bytes as they came (Moshi's fromJson(String) would encode a decoded copy back into a buffer),
    // and, as fromJson(String) does, nothing may follow the document.
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      value = any.fromJson(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("JSON document was not fully consumed.");
      }
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

  /**
   * The top-level fields of the JSON object {@code text}, each value as its own JSON text, in order: a provider's
   * JSON to write on with no number respelled ({@code 327} stays {@code 327}, not {@code 327.0}).
   */
  Map<String, OpenAiWire.RawJson> rawFields(String text) {
    Map<String, OpenAiWire.RawJson> fields = new java.util.LinkedHashMap<>();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      reader.beginObject();
      while (reader.hasNext()) {
        fields.put(reader.nextName(), RAW.fromJson(reader));
      }
      reader.endObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    return fields;
  }

  /** A JSON tree (maps, lists, numbers) as text, nulls kept. */
  String treeText(Object value) {
    return value instanceof Map<?, ?> ? tree.toJson(castMap(value)) : any.toJson(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }

  /** A JSON answer and its entity tag: the first 32 hex digits of its SHA-256, quoted. */
  record Tagged(byte[] bytes, String tag) {}

  /**
   * Cacheable answers (the model lists) by value, so a value equal to one written lately is neither encoded nor
   * hashed again: 10,000 models are 2.8 MB of JSON. Values are immutable wire records; what is kept is bounded by
   * its bytes (counted twice, for the records the key holds).
   */
  private final Cache<Object, Tagged> tagged = Caffeine.newBuilder()
      .maximumWeight(64L << 20).weigher((Object value, Tagged t) -> 2 * t.bytes().length)
      .expireAfterAccess(Duration.ofMinutes(5)).build();

  /** {@code value} as {@link #write} writes it, with its entity tag; from memory when an equal value was written. */
  Tagged writeTagged(Object value) {
    return tagged.get(value, v -> tagged(write(v)));
  }

  /**
   * Cacheable answers gzip-compressed, by the entity tag of their JSON (which names their bytes): compressed once,
   * however many callers take them. A list of 10,000 models is 2.8 MB of JSON and 90 KB compressed.
   */
  private final Cache<String, Tagged> gzipped = Caffeine.newBuilder()
      .maximumWeight(16L << 20).weigher((String tag, Tagged t) -> t.bytes().length)
      .expireAfterAccess(Duration.ofMinutes(5)).build();

  /** {@code answer} gzip-compressed, with an entity tag of its own (a representation's tag names its bytes). */
  Tagged gzipped(Tagged answer) {
    return gzipped.get(answer.tag(), tag -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(answer.bytes().length / 16);
      try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
        gzip.write(answer.bytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e); // writing to memory
      }
      return new Tagged(out.toByteArray(), gzippedTag(tag));
    });
  }

  /** The entity tag of the compressed form of the answer tagged {@code tag}. */
  static String gzippedTag(String tag) {
    return tag.substring(0, tag.length() - 1) + "-gzip\"";
  }

  /** JSON bytes with their entity tag. */
  static Tagged tagged(byte[] bytes) {
    return new Tagged(bytes, "\"" + sha256(bytes).substring(0, 32) + "\"");
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A wire record (or tree) as UTF-8 JSON; null fields are left out. */
  <T> byte[] write(T value) {
    return encode(value).readByteArray();
  }

  /** As {@link #write}, in the buffer Moshi wrote it to: a body sent from its segments is not copied out first. */
  <T> Buffer encode(T value) {
    if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
      return buffered(any, value);
    }
    return buffered(adapterOf(value), value);
  }

  /** Like {@link #write} but with null fields written out, as OpenAI's error body has them. */
  <T> byte[] writeWithNulls(T value) {
    return utf8(adapterOf(value).serializeNulls(), value);
  }

  /**
   * The bytes Moshi writes, taken from its buffer: {@code toJson(value).getBytes(UTF_8)} would decode them into a
   * String and encode that again (two more copies of every answer).
   */
  private static <T> byte[] utf8(JsonAdapter<T> adapter, T value) {
    return buffered(adapter, value).readByteArray();
  }

  private static <T> Buffer buffered(JsonAdapter<T> adapter, T value) {
    Buffer buffer = new Buffer();
    try {
      adapter.toJson(buffer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory
    }
    return buffer;
  }

  /** The adapter of a value's class; a generic record ({@code Data<T>}) is written by its parts' own classes. */
  @SuppressWarnings("unchecked")
  private <T> JsonAdapter<T> adapterOf(T value) {
    Class<?> type = value.getClass();
    int parameters = type.getTypeParameters().length;
    if (parameters == 0) {
      return (JsonAdapter<T>) moshi.adapter(type);
    }
    Type[] objects = new Type[parameters];
    java.util.Arrays.fill(objects, Object.class);
    Type generic = type.getEnclosingClass() == null ? Types.newParameterizedType(type, objects)
        : Types.newParameterizedTypeWithOwner(type.getEnclosingClass(), type, objects);
    return (JsonAdapter<T>) moshi.adapter(generic);
  }
}
