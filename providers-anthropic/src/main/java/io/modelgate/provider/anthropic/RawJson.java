package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.provider.http.JsonText;
import java.io.IOException;
import okio.Buffer;

/**
 * A JSON value kept as its text, so a tool's schema or a call's arguments reach Anthropic byte for byte (no
 * {@code 2} turned into {@code 2.0}). Built only through {@link #of}, which checks that the text is one JSON value.
 */
record RawJson(String json) {
  static final JsonAdapter<RawJson> ADAPTER = JsonText.adapter(RawJson::new, RawJson::json);

  /** {@code text} as one JSON value; an {@link InvalidRequestException} naming {@code param} if it is not. */
  static RawJson of(String text, String param) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IOException("more than one JSON value");
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException("'" + param + "' is not valid JSON: " + e.getMessage(), param);
    }
    return new RawJson(text.strip());
  }
}
