package io.modelgate.adapter.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Server-sent events on a committed response: each frame is written and flushed at once, never buffered. */
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

  Sse(OutputStream out, JsonCodec json) {
    this.out = out;
    this.json = json;
  }

  /** One {@code data:} frame holding {@code value} as JSON. */
  void data(Object value) throws IOException {
    byte[] body = json.write(value);
    byte[] frame = new byte[body.length + 8];
    System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
    System.arraycopy(body, 0, frame, 6, body.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    write(frame);
  }

  /** The error frame of a stream whose upstream broke; no {@code [DONE]} follows it. */
  void error(Problem problem) throws IOException {
    write(("data: " + new String(json.writeWithNulls(problem.body()), StandardCharsets.UTF_8) + "\n\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A comment line: ignored by clients, it keeps proxies from timing out and tells us if the client has gone. */
  void keepAlive() throws IOException {
    write(KEEP_ALIVE);
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
      out.flush();
    } catch (IOException | RuntimeException e) {
      throw new ClientGoneException(e);
    }
  }
}
