package io.modelgate.provider.anthropic;

import java.io.IOException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads Server-Sent Events from a body, one event per {@link #next()}: {@code event:} names it, {@code data:}
 * lines are joined with newlines, a blank line ends it, and comment lines ({@code : keep-alive}) are skipped. An
 * event still open at the end of the body is returned too (Anthropic's last event may lack its blank line). Not
 * thread-safe.
 */
final class SseReader {
  /** One event: its name ({@code message}, the SSE default, when none was given) and its data. */
  record Event(String name, String data) {}

  private final BufferedSource source;

  SseReader(BufferedSource source) {
    this.source = source;
  }

  /** The next event, or null at the end of the body. */
  @Nullable Event next() throws IOException {
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = source.readUtf8Line()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(name == null ? "message" : name, data.toString());
        }
        name = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> name = value;
        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> { } // id, retry and unknown fields mean nothing here
      }
    }
    return data == null ? null : new Event(name == null ? "message" : name, data.toString());
  }
}
