package io.modelgate.adapter.cli;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import okio.Buffer;

/** Renders plain values (maps, lists, strings, numbers, booleans, instants) as indented JSON. */
final class Json {
  private Json() {}

  static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setIndent("  ");
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter w, Object value) throws IOException {
    switch (value) {
      case null -> w.nullValue();
      case Map<?, ?> map -> {
        w.beginObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          w.name(String.valueOf(e.getKey()));
          write(w, e.getValue());
        }
        w.endObject();
      }
      case Collection<?> list -> {
        w.beginArray();
        for (Object item : list) {
          write(w, item);
        }
        w.endArray();
      }
      case BigDecimal d -> w.value(d.stripTrailingZeros().toPlainString().contains(".")
          ? d.stripTrailingZeros() : d.setScale(0, java.math.RoundingMode.UNNECESSARY));
      case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> w.value(d.longValue());
      case Number n -> w.value(n);
      case Boolean b -> w.value(b);
      case Instant i -> w.value(i.toString());
      case Duration d -> w.value(d.toMillis());
      case float[] v -> {
        w.beginArray();
        for (float f : v) {
          w.value(f);
        }
        w.endArray();
      }
      default -> w.value(value.toString());
    }
  }
}
