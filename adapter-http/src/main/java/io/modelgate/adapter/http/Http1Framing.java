package io.modelgate.adapter.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.x message framing read strictly, as RFC 9112 asks of a server that other hops may sit in front of: a
 * head is the start line and its fields, each line ending in CRLF; a field name is a token directly followed by a
 * colon; a folded line, differing Content-Length values, or Transfer-Encoding together with Content-Length make the
 * whole message unreadable ({@link Malformed}), because two readers could disagree on where it ends.
 */
final class Http1Framing {
  /** The largest head (start line and fields) read. */
  static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_CHUNK_LINE = 4096;
  private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

  private Http1Framing() {}

  /** A message that cannot be read safely: answered with {@code status} and the connection closed. */
  static final class Malformed extends Exception {
    private final int status;

    Malformed(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** One header field as it came, name case kept. */
  record Field(String name, String value) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  /** How a message's body is delimited. */
  enum Body { NONE, LENGTH, CHUNKED }

  /** A request head: what the server needs to serve it and to know whether the connection ends after it. */
  record Request(String method, String target, boolean http10, List<Field> fields, Body body, long length,
      boolean close) {}

  /** Reads a request head; null when the stream ended cleanly before its first byte. */
  static @Nullable Request readRequest(InputStream in) throws IOException, Malformed {
    int[] budget = {MAX_HEAD_BYTES};
    StringBuilder text = new StringBuilder(128); // each line of the head is read into it in turn
    String line = readLine(in, budget, true, text);
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !isToken(parts[0])) {
      throw new Malformed(400, "malformed request line");
    }
    boolean http10;
    if (parts[2].equals("HTTP/1.1")) {
      http10 = false;
    } else if (parts[2].equals("HTTP/1.0")) {
      http10 = true;
    } else if (parts[2].matches("HTTP/\\d\\.\\d")) {
      throw new Malformed(505, "HTTP version " + parts[2].substring(5) + " is not supported");
    } else {
      throw new Malformed(400, "malformed request line");
    }
    List<Field> fields = readFields(in, budget, text);
    boolean close = http10 || hasToken(fields, "Connection", "close");
    Framed framed = framing(fields, http10);
    if (!http10 && fields.stream().noneMatch(f -> f.is("Host"))) {
      throw new Malformed(400, "an HTTP/1.1 request must have a Host header");
    }
    return new Request(parts[0], originForm(parts[1]), http10, fields, framed.body, framed.length, close);
  }

  /**
   * The target as a path and query: an absolute URI ({@code http://host/path}, as sent to proxies) loses its scheme
   * and authority; {@code *} (a server-wide OPTIONS) stays; anything else must start with a slash.
   */
  private static String originForm(String target) throws Malformed {
    if (target.startsWith("/") || target.equals("*")) {
      return target;
    }
    int scheme = target.indexOf("://");
    String name = scheme > 0 ? target.substring(0, scheme) : "";
    if (name.equalsIgnoreCase("http") || name.equalsIgnoreCase("https")) {
      int slash = target.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : target.substring(slash);
    }
    throw new Malformed(400, "malformed request target");
  }

  private record Framed(Body body, long length) {}

  private static Framed framing(List<Field> fields, boolean http10) throws Malformed {
    List<String> encodings = values(fields, "Transfer-Encoding");
    List<String> lengths = values(fields, "Content-Length");
    if (!encodings.isEmpty()) {
      if (!lengths.isEmpty()) {
        throw new Malformed(400, "Transfer-Encoding and Content-Length must not be combined");
      }
      if (http10) {
        throw new Malformed(400, "Transfer-Encoding is not allowed in HTTP/1.0");
      }
      if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
        throw new Malformed(400, "Transfer-Encoding must be exactly 'chunked'");
      }
      return new Framed(Body.CHUNKED, -1);
    }
    if (!lengths.isEmpty()) {
      String distinct = lengths.get(0);
      for (String length : lengths) {
        if (!length.equals(distinct)) {
          throw new Malformed(400, "differing Content-Length values");
        }
      }
      if (!decimal(distinct)) {
        throw new Malformed(400, "Content-Length must be a number");
      }
      long length = Long.parseLong(distinct);
      return new Framed(length == 0 ? Body.NONE : Body.LENGTH, length);
    }
    return new Framed(Body.NONE, 0); // a request without length or chunking has no body (RFC 9112 6.3)
  }

  /** Whether {@code text} is 1 to 18 ASCII digits (a length that fits a long): {@code [0-9]{1,18}}. */
  private static boolean decimal(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Every comma-separated element of every field named {@code name}, trimmed. */
  private static List<String> values(List<Field> fields, String name) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.is(name)) {
        for (String element : f.value().split(",", -1)) {
          out.add(element.strip());
        }
      }
    }
    return out;
  }

  static boolean hasToken(List<Field> fields, String name, String token) {
    return values(fields, name).stream().anyMatch(v -> v.equalsIgnoreCase(token));
  }

  private static List<Field> readFields(InputStream in, int[] budget, StringBuilder text)
      throws IOException, Malformed {
    List<Field> fields = new ArrayList<>();
    while (true) {
      String line = readLine(in, budget, false, text);
      if (line == null) {
        throw new EOFException("the head ended early");
      }
      if (line.isEmpty()) {
        return fields;
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        throw new Malformed(400, "obsolete line folding is not allowed");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new Malformed(400, "invalid header name");
      }
      String value = line.substring(colon + 1).strip();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new Malformed(400, "invalid header value");
        }
      }
      fields.add(new Field(line.substring(0, colon), value));
    }
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || TOKEN_CHARS.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * One line without its CRLF; a bare CR or LF is malformed. Null at a clean end of stream before the line's first
   * byte when {@code startOfMessage}.
   */
  private static @Nullable String readLine(InputStream in, int[] budget, boolean startOfMessage)
      throws IOException, Malformed {
    return readLine(in, budget, startOfMessage, new StringBuilder());
  }

  /** As {@link #readLine(InputStream, int[], boolean)}, read into {@code line} (emptied first). */
  private static @Nullable String readLine(InputStream in, int[] budget, boolean startOfMessage, StringBuilder line)
      throws IOException, Malformed {
    line.setLength(0);
    while (true) {
      int b = in.read();
      if (b == -1) {
        if (startOfMessage && line.isEmpty()) {
          return null;
        }
        throw new EOFException("the head ended early");
      }
      if (--budget[0] < 0) {
        throw new Malformed(431, "the request head is too large");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new Malformed(400, "a bare CR in the head");
        }
        budget[0]--;
        return line.toString();
      }
      if (b == '\n') {
        throw new Malformed(400, "a line must end with CRLF");
      }
      line.append((char) b);
    }
  }

  /** Reads a chunk's size line (its extensions ignored); 0 for the last chunk. */
  static long readChunkSize(InputStream in) throws IOException, Malformed {
    int[] budget = {MAX_CHUNK_LINE};
    String sizeLine = readLine(in, budget, false);
    if (sizeLine == null) {
      throw new EOFException("the body ended early");
    }
    int semicolon = sizeLine.indexOf(';');
    String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
    if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(Http1Framing::isHexDigit)) {
      throw new Malformed(400, "malformed chunk size");
    }
    return Long.parseLong(hex, 16);
  }

  /** Reads the CRLF that ends a chunk's data. */
  static void readChunkEnd(InputStream in) throws IOException, Malformed {
    int cr = in.read();
    int lf = in.read();
    if (cr == -1 || lf == -1) {
      throw new EOFException("the body ended early");
    }
    if (cr != '\r' || lf != '\n') {
      throw new Malformed(400, "a chunk must end with CRLF");
    }
  }

  /** Reads the trailer fields after the last chunk, up to the empty line, and drops them. */
  static void skipTrailers(InputStream in) throws IOException, Malformed {
    int[] budget = {MAX_HEAD_BYTES};
    String trailer;
    do {
      trailer = readLine(in, budget, false);
    } while (trailer != null && !trailer.isEmpty());
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
