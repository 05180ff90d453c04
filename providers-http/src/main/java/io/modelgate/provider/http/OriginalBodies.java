package io.modelgate.provider.http;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.modelgate.core.error.InvalidRequestException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * A client's own request body ({@link io.modelgate.core.chat.OriginalBody}) made ready for a provider of its
 * protocol: every field copied byte for byte (numbers keep their spelling, unknown fields stay), a few set by the
 * gateway, a few added only where the client left them out.
 */
public final class OriginalBodies {
  private OriginalBodies() {}

  /**
   * {@code json} with each of {@code set} written over the client's value (or added), and each of
   * {@code defaults} added where the client gave none. Values are strings, numbers or booleans.
   */
  public static String rewrite(String json, Map<String, Object> set, Map<String, Object> defaults) {
    Buffer out = new Buffer();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
        JsonWriter writer = JsonWriter.of(out)) {
      Set<String> seen = new HashSet<>();
      reader.beginObject();
      writer.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        seen.add(name);
        if (set.containsKey(name)) {
          reader.skipValue();
        } else {
          try (BufferedSource value = reader.nextSource(); BufferedSink sink = writer.name(name).valueSink()) {
            sink.writeAll(value);
          }
        }
      }
      reader.endObject();
      for (Map.Entry<String, Object> e : set.entrySet()) {
        scalar(writer.name(e.getKey()), e.getValue());
      }
      for (Map.Entry<String, Object> e : defaults.entrySet()) {
        if (!seen.contains(e.getKey())) {
          scalar(writer.name(e.getKey()), e.getValue());
        }
      }
      writer.endObject();
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException("the request body is not a JSON object: " + e.getMessage(), null);
    }
    return out.readUtf8();
  }

  private static void scalar(JsonWriter writer, Object value) throws IOException {
    switch (value) {
      case String s -> writer.value(s);
      case Boolean b -> writer.value(b);
      case Number n -> writer.value(n);
      default -> throw new IllegalArgumentException("not a scalar: " + value);
    }
  }
}
