package io.modelgate.provider.openrouter;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Parses a request body the tests recorded, to assert its fields. */
final class Json {
  private static final JsonAdapter<Map<String, Object>> OBJECT = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private Json() {}

  static Map<String, Object> object(String json) {
    try {
      return OBJECT.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
