package io.modelgate.adapter.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on a committed response: each frame is written and flushed at once, never buffered — unless
 * the writer {@linkplain #deferFlushes() defers the flushes} to send the frames that are ready together in one write,
 * and then flushes before it waits for more. The same
 * writer speaks newline-delimited JSON (Ollama's streams): a frame is then one line, and keep-alives write nothing,
 * since a blank line is not JSON.
 */
final class Sse {
  /** The client went away while we wrote. */
  static final class ClientGoneException extends IOException {
    ClientGoneException(Throwable cause) {
      super("the client closed the connection", cause);
    }
  }

  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final JsonCodec json;
  private final boolean lines;
  private boolean deferred;

  Sse(OutputStream out, JsonCodec json) {
    this(out, json, false);
  }

  private Sse(OutputStream out, JsonCodec json, boolean lines) {
    this.out = out;
    this.json = json;
    this.lines = lines;
  }

  /** A writer of newline-delimited JSON on {@code out}. */
  static Sse ndjson(OutputStream out, JsonCodec json) {
    return new Sse(out, json, true);
  }

  /**
   * From now on frames are written to the response's buffer only, and {@link #flush} sends them (one system call
   * and one wake of the client for all of them); keep-alives are still sent at once.
   */
  void deferFlushes() {
    deferred = true;
  }

  /** Sends the frames written since the last flush. */
  void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException | RuntimeException e) {
      throw new ClientGoneException(e);
    }
  }

  /** A named event: {@code event: name} and a {@code data:} line holding {@code value} as JSON. */
  void event(String name, Object value) throws IOException {
    write(("event: " + name + "\ndata: " + new String(json.write(value), StandardCharsets.UTF_8) + "\n\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** One {@code data:} frame holding {@code value} as JSON (in NDJSON, one line). */
  void data(Object value) throws IOException {
    byte[] body = json.write(value);
    if (lines) {
      byte[] line = java.util.Arrays.copyOf(body, body.length + 1);
      line[body.length] = '\n';
      write(line);
      return;
    }
    byte[] frame = new byte[body.length + 8];
    System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
    System.arraycopy(body, 0, frame, 6, body.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    write(frame);
  }

  /** A named event with an id a client resumes after ({@code Last-Event-ID}); {@code value} as JSON. */
  void event(long id, String name, Object value) throws IOException {
    write(("id: " + id + "\nevent: " + name + "\ndata: " + new String(json.writeWithNulls(value), StandardCharsets.UTF_8)
        + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  /** How long a client waits before reconnecting after a drop. */
  void retry(long millis) throws IOException {
    write(("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The error frame of a stream whose upstream broke; no {@code [DONE]} follows it. */
  void error(Problem problem) throws IOException {
    write(("data: " + new String(json.writeWithNulls(problem.body()), StandardCharsets.UTF_8) + "\n\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A comment line: ignored by clients, it keeps proxies from timing out and tells us if the client has gone. */
  void keepAlive() throws IOException {
    if (!lines) {
      write(KEEP_ALIVE);
      if (deferred) {
        flush();
      }
    }
  }

  void done() throws IOException {
    write(DONE);
  }

  void close() throws IOException {
    try {
      out.close();
    } catch (UncheckedIOException | IOException e) {
      throw new ClientGoneException(e);
    }
  }

  private void write(byte[] frame) throws IOException {
    try {
      out.write(frame);
      if (!deferred) {
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      throw new ClientGoneException(e);
    }
  }
}
