package io.modelgate.adapter.http;

import io.modelgate.adapter.http.Http1Framing.Body;
import io.modelgate.adapter.http.Http1Framing.Field;
import io.modelgate.adapter.http.Http1Framing.Malformed;
import io.modelgate.adapter.http.Http1Framing.Request;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * One request read from a connection and the response written to it: the request's head and its body (read through
 * a stream bounded by its framing), and a response that is either sent whole ({@link #send}: the head and a body of
 * known length in one write) or streamed ({@link #outputStream}: chunked in HTTP/1.1, delimited by the close in
 * HTTP/1.0, each flush written at once). A write after the client went away fails with an {@link IOException}.
 *
 * <p>Not thread-safe: used by the connection's thread.
 */
final class Exchange {
  /**
   * A request body this small that the handler left unread is read and dropped, so the connection can serve the
   * next request; a larger one (or a chunked one) closes the connection instead.
   */
  private static final int DISCARDED_BODY_LIMIT = 64 * 1024;
  /** A head and a body up to this size go out in one write. */
  private static final int ONE_WRITE = 16 * 1024;
  /**
   * A larger body is written from its own array, this much at a time: each slice is one system call, through a
   * native buffer of the slice's size that the JDK keeps per carrier thread. Fewer, larger writes cost the kernel's
   * TCP stack less: a 2.8 MB model list took 0.9-1.4 ms of system time in 44 writes of 64 KB, 0.6-0.8 ms in 3.
   */
  private static final int SLICE = 1024 * 1024;
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /**
   * Thrown by a handler whose response cannot end well (its source broke off after the head was sent): the
   * connection is dropped at once, so the client sees a broken response, never a clean but short one.
   */
  static final class Dropped extends RuntimeException {
    Dropped(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Request request;
  private final InputStream in;
  private final OutputStream out;
  /** The socket's channel, which {@link #out} writes to: a native body goes to it without a copy. */
  private final @Nullable WritableByteChannel channel;
  private final HttpServer server;
  private final String rawPath;
  private final String rawQuery;
  private final BodyInput body;
  private int status = 200;
  private final List<Field> headers = new ArrayList<>(8);
  private boolean committed;
  private boolean close;
  private boolean failed;
  private boolean continueSent;
  private @Nullable StreamOutput stream;

  Exchange(Request request, InputStream in, OutputStream out, @Nullable WritableByteChannel channel,
      HttpServer server) {
    this.request = request;
    this.in = in;
    this.out = out;
    this.channel = channel;
    this.server = server;
    String target = request.target();
    int question = target.indexOf('?');
    this.rawPath = question < 0 ? target : target.substring(0, question);
    this.rawQuery = question < 0 ? "" : target.substring(question + 1);
    this.body = new BodyInput();
  }

  // ---- the request ----------------------------------------------------------------------------------------------

  String method() {
    return request.method();
  }

  /** The path as it came, still percent-encoded, without the query. */
  String rawPath() {
    return rawPath;
  }

  /** The query as it came, without the {@code ?}; empty when there is none. */
  String rawQuery() {
    return rawQuery;
  }

  /** The request's header fields, in order. */
  List<Field> fields() {
    return request.fields();
  }

  /** The first value of the header {@code name}. */
  Optional<String> header(String name) {
    for (Field f : request.fields()) {
      if (f.is(name)) {
        return Optional.of(f.value());
      }
    }
    return Optional.empty();
  }

  /** Whether the request has a body (it may still be empty, when chunked). */
  boolean hasBody() {
    return request.body() != Body.NONE;
  }

  /** The declared length of the body; -1 when chunked or when there is none. */
  long contentLength() {
    return request.body() == Body.LENGTH ? request.length() : -1;
  }

  /** The body, read through its framing; a body that breaks off fails the read and closes the connection. */
  InputStream body() {
    return body;
  }

  // ---- the response ---------------------------------------------------------------------------------------------

  void status(int code) {
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException("'status' must be three digits, was " + code);
    }
    status = code;
  }

  int status() {
    return status;
  }

  /** Sets the response header {@code name} (replacing one set before). */
  void header(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("header '" + name + "' must not hold a line break");
      }
    }
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).is(name)) {
        headers.remove(i);
      }
    }
    headers.add(new Field(name, value));
  }

  /** Whether the response head has been written. */
  boolean committed() {
    return committed;
  }

  /** Sends the response with no body. */
  void send() {
    send(new byte[0]);
  }

  /** Sends the response with {@code content} as its whole body. */
  void send(byte[] content) {
    boolean bodyless = bodylessStatus();
    byte[] head = commit(bodyless ? null : Long.toString(content.length), false);
    try {
      if (bodyless || request.method().equals("HEAD")) {
        out.write(head);
      } else if (head.length + content.length <= ONE_WRITE) {
        if (channel instanceof GatheringByteChannel gathering) {
          writeTogether(gathering, head, content);
        } else {
          out.write(concat(head, content));
        }
      } else {
        out.write(head);
        // In slices: the socket copies each write into a temporary native buffer of its size, again for what is
        // left of it after a partial write.
        for (int at = 0; at < content.length; at += SLICE) {
          out.write(content, at, Math.min(SLICE, content.length - at));
        }
      }
      out.flush();
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As {@link #send(byte[])}, for a body in {@code content}, which is emptied. Up to {@link #ONE_WRITE} it goes out
   * with the head in one gathering write from the buffer's own segments, not first copied into an array (a chat
   * completion's ~1.2 KB).
   */
  void send(Buffer content) {
    if (!(channel instanceof GatheringByteChannel gathering) || content.size() > ONE_WRITE || bodylessStatus()
        || request.method().equals("HEAD")) {
      send(content.readByteArray());
      return;
    }
    byte[] head = commit(Long.toString(content.size()), false);
    try {
      writeTogether(gathering, head, content);
      out.flush();
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException(e);
    } finally {
      content.clear(); // the segments go back to okio's pool
    }
  }

  /**
   * As {@link #send(byte[])}, for a large body that is sent again and again, tagged {@code tag} (which names its
   * bytes): written from the native copy the server keeps ({@link NativeBodies}), so no write copies it.
   */
  void send(byte[] content, String tag) {
    if (channel == null || bodylessStatus() || request.method().equals("HEAD") || content.length < NATIVE_FROM) {
      send(content);
      return;
    }
    byte[] head = commit(Long.toString(content.length), false);
    try (NativeBodies.Lease lease = server.nativeBodies().lease(tag, content)) {
      out.write(head);
      ByteBuffer bytes = lease.bytes();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      out.flush();
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the response's status allows no body (1xx, 204, 304). */
  private boolean bodylessStatus() {
    return status == 204 || status == 304 || (status >= 100 && status < 200);
  }

  /** The size from which {@link #send(byte[], String)} sends from native memory: below it the copy is cheap. */
  static final int NATIVE_FROM = 256 * 1024;

  /**
   * Commits the head and returns the body's stream: chunked in HTTP/1.1, raw until the connection closes in
   * HTTP/1.0. Each {@code flush} writes what was written since at once; {@code close} ends the body.
   */
  OutputStream outputStream() {
    byte[] head = commit(null, true);
    stream = new StreamOutput(head, !request.http10(), request.method().equals("HEAD"));
    return stream;
  }

  /**
   * The head of the response, its fate decided: whether the connection closes after it, and what happens to a
   * request body the handler left unread.
   */
  private byte[] commit(@Nullable String contentLength, boolean streamed) {
    if (committed) {
      throw new IllegalStateException("the response was already sent");
    }
    committed = true;
    if (body.broken) {
      failed = true;
      throw new UncheckedIOException(new EOFException("the request body broke off"));
    }
    close = request.close() || server.draining() || (streamed && request.http10()) || !discardUnreadBody();
    String version = request.http10() ? "HTTP/1.0 " : "HTTP/1.1 ";
    String statusText = status + " " + reason(status);
    String date = server.date();
    boolean chunked = contentLength == null && streamed && !request.http10();
    // Measured, then written into one array of that size (ISO-8859-1, as the head's text is sent).
    int size = version.length() + statusText.length() + 2 + DATE.length() + date.length() + 2 + 2;
    for (Field f : headers) {
      if (sent(f)) {
        size += f.name().length() + 2 + f.value().length() + 2;
      }
    }
    if (contentLength != null) {
      size += CONTENT_LENGTH.length() + contentLength.length() + 2;
    } else if (chunked) {
      size += CHUNKED.length();
    }
    if (close) {
      size += CLOSE.length();
    }
    byte[] head = new byte[size];
    int at = latin1(head, latin1(head, 0, version), statusText);
    at = crlf(head, at);
    for (Field f : headers) {
      if (sent(f)) {
        at = crlf(head, latin1(head, latin1(head, latin1(head, at, f.name()), ": "), f.value()));
      }
    }
    at = crlf(head, latin1(head, latin1(head, at, DATE), date));
    if (contentLength != null) {
      at = crlf(head, latin1(head, latin1(head, at, CONTENT_LENGTH), contentLength));
    } else if (chunked) {
      at = latin1(head, at, CHUNKED);
    }
    if (close) {
      at = latin1(head, at, CLOSE);
    }
    at = crlf(head, at);
    return at == size ? head : Arrays.copyOf(head, at); // shorter by each pair of surrogates written as one '?'
  }

  private static final String DATE = "Date: ";
  private static final String CONTENT_LENGTH = "Content-Length: ";
  private static final String CHUNKED = "Transfer-Encoding: chunked\r\n";
  private static final String CLOSE = "Connection: close\r\n";

  /** Whether a header set by the handler goes out as it is: the framing headers are the exchange's own. */
  private static boolean sent(Field f) {
    return !f.is("Content-Length") && !f.is("Transfer-Encoding") && !f.is("Connection");
  }

  /**
   * Writes {@code text} at {@code at} as ISO-8859-1 ({@code ?} for a character outside it, one for a surrogate pair,
   * as {@link String#getBytes} writes it); returns the end.
   */
  private static int latin1(byte[] to, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0xff) {
        to[at++] = (byte) c;
      } else {
        to[at++] = '?';
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        }
      }
    }
    return at;
  }

  private static int crlf(byte[] to, int at) {
    to[at] = '\r';
    to[at + 1] = '\n';
    return at + 2;
  }

  /** Reads and drops a small body the handler did not read; false when the connection must close instead. */
  private boolean discardUnreadBody() {
    if (body.done) {
      return true;
    }
    if (request.body() != Body.LENGTH || (expectsContinue() && !continueSent)
        || body.remaining > DISCARDED_BODY_LIMIT) {
      return false;
    }
    try {
      body.skipNBytes(body.remaining);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean expectsContinue() {
    return !request.http10() && Http1Framing.hasToken(request.fields(), "Expect", "100-continue");
  }

  /**
   * Ends the exchange: a response the handler did not send is sent empty, a stream is ended. False when the
   * connection must close now.
   */
  boolean finish() throws IOException {
    if (failed) {
      return false;
    }
    if (!committed) {
      send();
    } else if (stream != null) {
      stream.close();
    }
    return !close && !failed;
  }

  /**
   * Writes {@code head} and {@code content} in one system call (a gathering write), without first copying them into
   * one array: that copy was ~1.6 KB of a chat completion's allocation. An empty {@code content} still writes the
   * whole head.
   */
  static void writeTogether(GatheringByteChannel channel, byte[] head, byte[] content) throws IOException {
    writeAll(channel, new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(content)});
  }

  /**
   * As {@link #writeTogether(GatheringByteChannel, byte[], byte[])}, the body written from the segments of
   * {@code content}, which is left as it was.
   */
  static void writeTogether(GatheringByteChannel channel, byte[] head, Buffer content) throws IOException {
    List<ByteBuffer> parts = new ArrayList<>(4);
    parts.add(ByteBuffer.wrap(head));
    try (Buffer.UnsafeCursor segments = content.readUnsafe()) {
      for (int n = segments.seek(0); n != -1; n = segments.next()) {
        parts.add(ByteBuffer.wrap(segments.data, segments.start, n));
      }
    }
    writeAll(channel, parts.toArray(ByteBuffer[]::new));
  }

  /** Writes every byte of {@code parts}, in order, in as few system calls as the socket takes them. */
  private static void writeAll(GatheringByteChannel channel, ByteBuffer[] parts) throws IOException {
    for (int first = 0; first < parts.length; ) {
      if (parts[first].hasRemaining()) {
        channel.write(parts, first, parts.length - first);
      } else {
        first++;
      }
    }
  }

  static byte[] concat(byte[] head, byte[] content) {
    byte[] all = new byte[head.length + content.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    return all;
  }

  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 411 -> "Length Required";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "";
    };
  }

  /** The request body, read through its framing: exactly its Content-Length, or its chunks. */
  private final class BodyInput extends InputStream {
    private long remaining = request.body() == Body.LENGTH ? request.length() : 0;
    private boolean done = request.body() == Body.NONE;
    private boolean broken;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (!continueSent && expectsContinue()) {
        continueSent = true;
        out.write(CONTINUE);
        out.flush();
      }
      try {
        if (request.body() == Body.CHUNKED && remaining == 0) {
          remaining = Http1Framing.readChunkSize(in);
          if (remaining == 0) {
            Http1Framing.skipTrailers(in);
            done = true;
            return -1;
          }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n == -1) {
          throw new EOFException("the request body ended early");
        }
        remaining -= n;
        if (remaining == 0) {
          if (request.body() == Body.CHUNKED) {
            Http1Framing.readChunkEnd(in);
          } else {
            done = true;
          }
        }
        return n;
      } catch (IOException e) {
        broken = true;
        throw e;
      } catch (Malformed e) {
        broken = true;
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public int available() throws IOException {
      return done ? 0 : (int) Math.min(remaining, in.available());
    }

    @Override
    public void close() {
      // what is left unread is dropped or closes the connection when the response is sent
    }
  }

  /**
   * A streamed body: what is written collects in a small buffer, each flush writes it as one chunk (one socket
   * write, the chunk's size line and its end included); close writes what is left and the last chunk in one write.
   */
  private final class StreamOutput extends OutputStream {
    /** Room before the data for the chunk's size line (up to 8 hex digits and CRLF). */
    private static final int PREFIX = 10;
    private final boolean chunked;
    private final boolean discard;
    private byte @Nullable [] head;
    /** The chunk's data, its CRLF, and room for the last chunk after it. */
    private final byte[] buffer = new byte[PREFIX + 4 * 1024 + 2 + LAST_CHUNK.length];
    private int count;
    private boolean closed;

    StreamOutput(byte[] head, boolean chunked, boolean discard) {
      this.head = head;
      this.chunked = chunked;
      this.discard = discard;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("the response body was closed");
      }
      if (discard) {
        return;
      }
      int room = buffer.length - PREFIX - 2 - LAST_CHUNK.length;
      if (count + len > room) {
        flush();
        if (len > room) {
          writeChunk(b, off, len);
          return;
        }
      }
      System.arraycopy(b, off, buffer, PREFIX + count, len);
      count += len;
    }

    private void writeChunk(byte[] b, int off, int len) throws IOException {
      byte[] size = chunked ? (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1) : null;
      byte[] chunk = new byte[(head == null ? 0 : head.length) + (size == null ? 0 : size.length + 2) + len];
      int at = 0;
      if (head != null) {
        System.arraycopy(head, 0, chunk, 0, head.length);
        at = head.length;
      }
      if (size != null) {
        System.arraycopy(size, 0, chunk, at, size.length);
        at += size.length;
      }
      System.arraycopy(b, off, chunk, at, len);
      if (size != null) {
        chunk[at + len] = '\r';
        chunk[at + len + 1] = '\n';
      }
      head = null;
      emit(chunk, 0, chunk.length);
    }

    @Override
    public void flush() throws IOException {
      if (closed) {
        return;
      }
      send(null);
    }

    /** Writes the head (if not yet sent), what is buffered as one chunk, and {@code trailer}, in one write. */
    private void send(byte @Nullable [] trailer) throws IOException {
      int start = PREFIX;
      int end = PREFIX;
      if (count > 0) {
        if (chunked) {
          String size = Integer.toHexString(count) + "\r\n";
          start = PREFIX - size.length();
          for (int i = 0; i < size.length(); i++) {
            buffer[start + i] = (byte) size.charAt(i);
          }
          buffer[PREFIX + count] = '\r';
          buffer[PREFIX + count + 1] = '\n';
        }
        end = PREFIX + count + (chunked ? 2 : 0);
        count = 0;
      }
      if (trailer != null) {
        System.arraycopy(trailer, 0, buffer, end, trailer.length);
        end += trailer.length;
      }
      if (head != null) {
        byte[] h = head;
        head = null;
        byte[] all = new byte[h.length + end - start];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(buffer, start, all, h.length, end - start);
        emit(all, 0, all.length);
      } else if (end > start) {
        emit(buffer, start, end - start);
      }
    }

    private void emit(byte[] bytes, int off, int len) throws IOException {
      try {
        out.write(bytes, off, len);
        out.flush();
      } catch (IOException e) {
        failed = true;
        closed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      if (discard) {
        closed = true;
        flush0();
        return;
      }
      send(chunked ? LAST_CHUNK : null); // the last chunk goes out with the rest: one write
      closed = true;
    }

    private void flush0() throws IOException {
      if (head != null) {
        byte[] h = head;
        head = null;
        emit(h, 0, h.length);
      }
    }
  }

  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
}
