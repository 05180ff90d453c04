package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.modelgate.core.error.InvalidRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Leaves out of a client's Messages body the {@code thinking} blocks Anthropic did not sign. A client may send back
 * thinking that another provider's model produced (reached through us in the Messages protocol, it came without a
 * {@code signature}); Anthropic refuses a thinking block whose signature is missing or is not its own, so such a
 * block is dropped before the body goes to Anthropic. Signed {@code thinking} and {@code redacted_thinking} blocks,
 * and everything else, stay byte for byte. A message left with no content is dropped too: Anthropic refuses an
 * empty content list, and joins the consecutive turns of one role that this may leave. With thinking enabled,
 * Anthropic wants the last assistant turn of a tool loop to start with its thinking; when that turn's thinking was
 * unsigned and is dropped, the request's {@code thinking} is dropped as well, so the request is answered (without
 * extended thinking for that turn) rather than refused.
 */
final class UnsignedThinking {
  private UnsignedThinking() {}

  /** {@code json} (a Messages request body) without its unsigned thinking blocks; unchanged if it has none. */
  static String strip(String json) {
    if (!json.contains("\"thinking\"")) {
      return json;
    }
    try {
      Map<String, String> body = fields(json);
      String messages = body.get("messages");
      if (messages != null && messages.strip().startsWith("[")) {
        Stripped stripped = messages(messages);
        body.put("messages", stripped.messages());
        if (stripped.toolTurnLostItsThinking()) {
          body.remove("thinking");
        }
      }
      return object(body);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException("the request body is not a JSON object: " + e.getMessage(), null);
    }
  }

  /**
   * The messages without unsigned thinking, and whether the last assistant turn lost its thinking though it calls
   * a tool (Anthropic then refuses the request while thinking is enabled).
   */
  private record Stripped(String messages, boolean toolTurnLostItsThinking) {}

  private static Stripped messages(String array) throws IOException {
    List<String> kept = new ArrayList<>();
    boolean toolTurnLostItsThinking = false;
    for (String message : elements(array)) {
      if (!message.strip().startsWith("{")) {
        kept.add(message);
        continue;
      }
      Map<String, String> fields = fields(message);
      boolean assistant = "\"assistant\"".equals(fields.getOrDefault("role", "").strip());
      if (assistant) {
        toolTurnLostItsThinking = false;
      }
      String content = fields.get("content");
      if (content == null || !content.strip().startsWith("[")) {
        kept.add(message);
        continue;
      }
      List<String> blocks = elements(content);
      List<String> signed = blocks.stream().filter(block -> !unsignedThinking(block)).toList();
      if (assistant) {
        toolTurnLostItsThinking = signed.size() < blocks.size()
            && signed.stream().anyMatch(block -> type(block).equals("tool_use"))
            && !(type(signed.getFirst()).equals("thinking") || type(signed.getFirst()).equals("redacted_thinking"));
      }
      if (signed.size() == blocks.size()) {
        kept.add(message);
      } else if (!signed.isEmpty()) {
        fields.put("content", "[" + String.join(",", signed) + "]");
        kept.add(object(fields));
      }
    }
    return new Stripped("[" + String.join(",", kept) + "]", toolTurnLostItsThinking);
  }

  /** A content block's type, or "" when it has none. */
  private static String type(String block) {
    return field(block, "type") instanceof String t ? t : "";
  }

  private static boolean unsignedThinking(String block) {
    return type(block).equals("thinking") && !(field(block, "signature") instanceof String s && !s.isBlank());
  }

  /** The value of the top-level field {@code name} of a JSON object; null when it is absent or not an object. */
  private static @Nullable Object field(String object, String name) {
    if (!object.strip().startsWith("{")) {
      return null;
    }
    try {
      String text = fields(object).get(name);
      return text == null ? null : value(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The top-level fields of a JSON object, each value as its JSON text, in order. */
  private static Map<String, String> fields(String object) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(object));
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      fields.put(name, text(reader));
    }
    reader.endObject();
    return fields;
  }

  /** The elements of a JSON array, each as its JSON text. */
  private static List<String> elements(String array) throws IOException {
    List<String> elements = new ArrayList<>();
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(array));
    reader.beginArray();
    while (reader.hasNext()) {
      elements.add(text(reader));
    }
    reader.endArray();
    return elements;
  }

  /** A JSON object of {@code fields}, each value written as the JSON text it is. */
  private static String object(Map<String, String> fields) throws IOException {
    Buffer out = new Buffer();
    try (JsonWriter writer = JsonWriter.of(out)) {
      writer.beginObject();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        try (BufferedSink sink = writer.name(field.getKey()).valueSink()) {
          sink.writeUtf8(field.getValue());
        }
      }
      writer.endObject();
    }
    return out.readUtf8();
  }

  private static Object value(String text) throws IOException {
    return JsonReader.of(new Buffer().writeUtf8(text)).readJsonValue();
  }

  private static String text(JsonReader reader) throws IOException {
    try (BufferedSource value = reader.nextSource()) {
      return value.readUtf8();
    }
  }
}
