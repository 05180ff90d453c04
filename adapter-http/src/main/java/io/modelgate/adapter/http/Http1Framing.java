package io.modelgate.adapter.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
  /** The largest head (start line and fields) read; Helidon's own, smaller limits still apply behind it. */
  static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_CHUNK_LINE = 4096;
  private static final byte[] CRLF = {'\r', '\n'};
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
  enum Body { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  /** A request head: what the front door needs to forward it and to know whether the connection ends after it. */
  record Request(String method, String target, boolean http10, List<Field> fields, Body body, long length,
      boolean close, boolean hasHost) {}

  /** A response head. */
  record Response(String version, int status, String reason, List<Field> fields, Body body, long length,
      boolean close) {
    boolean interim() {
      return status >= 100 && status < 200 && status != 101;
    }
  }

  /** Reads a request head; null when the stream ended cleanly before its first byte. */
  static @Nullable Request readRequest(InputStream in) throws IOException, Malformed {
    int[] budget = {MAX_HEAD_BYTES};
    String line = readLine(in, budget, true);
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
    List<Field> fields = readFields(in, budget);
    boolean close = http10 || hasToken(fields, "Connection", "close");
    Framed framed = framing(fields, http10);
    if (framed.body == Body.UNTIL_CLOSE) {
      framed = new Framed(Body.NONE, 0); // a request without length or chunking has no body (RFC 9112 6.3)
    }
    boolean hasHost = fields.stream().anyMatch(f -> f.is("Host"));
    return new Request(parts[0], parts[1], http10, fields, framed.body, framed.length, close, hasHost);
  }

  /** Reads a response head, given the request it answers (a HEAD request's answer has no body). */
  static Response readResponse(InputStream in, String requestMethod) throws IOException, Malformed {
    int[] budget = {MAX_HEAD_BYTES};
    String line = readLine(in, budget, true);
    if (line == null) {
      throw new EOFException("no response");
    }
    int first = line.indexOf(' ');
    if (first < 0 || line.length() < first + 4) {
      throw new Malformed(502, "malformed status line");
    }
    String version = line.substring(0, first);
    int status;
    try {
      status = Integer.parseInt(line.substring(first + 1, first + 4));
    } catch (NumberFormatException e) {
      throw new Malformed(502, "malformed status line");
    }
    String reason = line.length() > first + 5 ? line.substring(first + 5) : "";
    List<Field> fields = readFields(in, budget);
    boolean close = hasToken(fields, "Connection", "close");
    Framed framed;
    if (requestMethod.equals("HEAD") || (status >= 100 && status < 200) || status == 204 || status == 304) {
      framed = new Framed(Body.NONE, 0);
    } else {
      framed = framing(fields, false);
    }
    return new Response(version, status, reason, fields, framed.body, framed.length, close);
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
      if (!distinct.matches("\\d{1,18}")) {
        throw new Malformed(400, "Content-Length must be a number");
      }
      long length = Long.parseLong(distinct);
      return new Framed(length == 0 ? Body.NONE : Body.LENGTH, length);
    }
    return new Framed(Body.UNTIL_CLOSE, -1);
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

  private static List<Field> readFields(InputStream in, int[] budget) throws IOException, Malformed {
    List<Field> fields = new ArrayList<>();
    while (true) {
      String line = readLine(in, budget, false);
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
    StringBuilder line = new StringBuilder();
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

  /** Writes a head: the start line, the fields, the empty line. */
  static void writeHead(OutputStream out, String startLine, List<Field> fields) throws IOException {
    StringBuilder head = new StringBuilder(256).append(startLine).append("\r\n");
    for (Field f : fields) {
      head.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Copies exactly {@code length} bytes. Nothing is held back: whenever the input has nothing more at hand, what was
   * written is flushed before waiting for more (so a whole small body goes out in one write, a stream as it comes).
   */
  static void copyLength(InputStream in, OutputStream out, long length) throws IOException {
    copyExactly(in, out, length);
    flushIfIdle(in, out);
  }

  private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[(int) Math.min(16 * 1024, length)];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n == -1) {
        throw new EOFException("the body ended early");
      }
      out.write(buffer, 0, n);
      left -= n;
      if (left > 0) {
        flushIfIdle(in, out);
      }
    }
  }

  /** Flushes {@code out} unless {@code in} already has more bytes at hand (which will follow in the same write). */
  static void flushIfIdle(InputStream in, OutputStream out) throws IOException {
    if (in.available() == 0) {
      out.flush();
    }
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Copies until the end of the stream. */
  static void copyToEnd(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int n;
    while ((n = in.read(buffer)) != -1) {
      out.write(buffer, 0, n);
      flushIfIdle(in, out);
    }
    out.flush();
  }

  /**
   * Copies a chunked body, each chunk flushed as it arrives; with {@code dechunk} only the data is written (for an
   * HTTP/1.0 client, whose answer ends when the connection closes).
   */
  static void copyChunked(InputStream in, OutputStream out, boolean dechunk) throws IOException, Malformed {
    while (true) {
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
      long size = Long.parseLong(hex, 16);
      if (!dechunk) {
        out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      if (size == 0) {
        int[] trailerBudget = {MAX_HEAD_BYTES};
        String trailer;
        while (!(trailer = readLine(in, trailerBudget, false)).isEmpty()) {
          if (!dechunk) {
            out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          }
        }
        if (!dechunk) {
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        return;
      }
      copyExactly(in, out, size);
      if (in.read() != '\r' || in.read() != '\n') {
        throw new Malformed(400, "a chunk must end with CRLF");
      }
      if (!dechunk) {
        out.write(CRLF);
      }
      flushIfIdle(in, out);
    }
  }
}
