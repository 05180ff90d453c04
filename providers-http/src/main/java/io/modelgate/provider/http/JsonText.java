package io.modelgate.provider.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.function.Function;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * JSON kept as its text: each protocol module has a small type holding a JSON value (a tool's schema, a call's
 * arguments, a model's listing entry) that must reach the provider byte for byte, with no {@code 2} turned into
 * {@code 2.0}. This is the one Moshi adapter for such types.
 */
public final class JsonText {
  private JsonText() {}

  /**
   * Reads a JSON value's text whole into {@code wrap}, and writes {@code text} of a value back unchanged; JSON
   * {@code null} reads as null and null writes as {@code null}.
   */
  public static <T> JsonAdapter<T> adapter(Function<String, T> wrap, Function<T, String> text) {
    return new JsonAdapter<>() {
      @Override
      public @Nullable T fromJson(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.NULL) {
          return reader.nextNull();
        }
        try (BufferedSource source = reader.nextSource()) {
          return wrap.apply(source.readUtf8());
        }
      }

      @Override
      public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
        if (value == null) {
          writer.nullValue();
          return;
        }
        try (BufferedSink sink = writer.valueSink()) {
          sink.writeUtf8(text.apply(value));
        }
      }
    };
  }
}
