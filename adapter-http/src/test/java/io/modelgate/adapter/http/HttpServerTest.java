package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpServer} and {@link Exchange} as a raw client sees them: request bodies by length or chunked, {@code
 * Expect: 100-continue}, HEAD, streamed responses (chunked, or delimited by the close for HTTP/1.0), unread and
 * broken bodies, and a client that leaves mid-stream.
 */
class HttpServerTest {
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch writeFailed = new CountDownLatch(1);
  private final AtomicReference<String> readFailure = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.bind("127.0.0.1", 0);
    server.start(this::handle);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void handle(Exchange exchange) throws IOException {
    switch (exchange.rawPath()) {
      case "/echo" -> {
        byte[] body;
        try {
          body = exchange.body().readAllBytes();
        } catch (IOException e) {
          readFailure.set(e.getMessage());
          throw e;
        }
        exchange.header("Content-Type", "text/plain");
        exchange.send(("got " + body.length + ": " + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
      }
      case "/ignore" -> exchange.send("ignored".getBytes(StandardCharsets.UTF_8));
      case "/stream" -> {
        OutputStream out = exchange.outputStream();
        out.write("one".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        out.write("two".getBytes(StandardCharsets.UTF_8));
        out.close();
      }
      case "/forever" -> {
        OutputStream out = exchange.outputStream();
        try {
          for (int i = 0; i < 10_000; i++) {
            out.write("tick\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(5);
          }
        } catch (IOException e) {
          writeFailed.countDown();
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      default -> {
        exchange.status(404);
        exchange.send();
      }
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static void send(Socket socket, String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Everything until the server closes, or what came before a read timed out (then "…still open"). */
  private static String readAll(Socket socket, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        read.write(buffer, 0, n);
      }
      return read.toString(StandardCharsets.ISO_8859_1) + "<closed>";
    } catch (SocketTimeoutException e) {
      return read.toString(StandardCharsets.ISO_8859_1) + "<still open>";
    }
  }

  /** Reads until {@code expected} has arrived (or fails after the socket's timeout). */
  private static String readUntil(Socket socket, String expected) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder read = new StringBuilder();
    while (!read.toString().contains(expected)) {
      int b = in.read();
      if (b == -1) {
        break;
      }
      read.append((char) b);
    }
    return read.toString();
  }

  @Test
  void aChunkedBodyIsReadWholeAndTheConnectionServesTheNextRequest() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n"
          + "0\r\nX-Trailer: t\r\n\r\n"
          + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nfg");
      String text = readAll(s, 5_000);
      assertThat(text).contains("got 5: abcde").contains("got 2: fg").endsWith("<closed>");
      assertThat(text.indexOf("got 5")).isLessThan(text.indexOf("got 2"));
    }
  }

  @Test
  void expectContinueIsAnsweredWhenTheHandlerReadsTheBody() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
      assertThat(readUntil(s, "\r\n\r\n")).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      send(s, "xyz");
      assertThat(readUntil(s, "got 3: xyz")).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 10\r\n");
    }
  }

  @Test
  void expectContinueWithTheBodyUnreadGetsNo100AndTheConnectionCloses() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
      String text = readAll(s, 5_000);
      assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("100 Continue")
          .contains("Connection: close\r\n").endsWith("ignored<closed>");
    }
  }

  @Test
  void aSmallUnreadBodyIsDroppedAndTheConnectionKept() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
          + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
      String text = readAll(s, 1_000);
      assertThat(text).contains("ignored").contains("got 2: ok").doesNotContain("Connection: close")
          .endsWith("<still open>");
    }
  }

  @Test
  void aLargeUnreadBodyClosesTheConnectionAfterTheAnswer() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + "a".repeat(1000));
      String text = readAll(s, 5_000);
      assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").contains("ignored");
    }
  }

  @Test
  void aBodyThatBreaksOffFailsTheReadAndDropsTheConnectionWithoutAnAnswer() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
      s.shutdownOutput();
      assertThat(readAll(s, 5_000)).isEqualTo("<closed>");
    }
    assertThat(readFailure.get()).contains("ended early");
  }

  @Test
  void headGetsTheHeadWithItsLengthAndNoBody() throws IOException {
    try (Socket s = connect()) {
      send(s, "HEAD /ignore HTTP/1.1\r\nHost: x\r\n\r\nGET /ignore HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String text = readAll(s, 5_000);
      assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 7\r\n");
      assertThat(text.split("ignored", -1)).hasSize(2); // the body once: the GET's
    }
  }

  @Test
  void aStreamIsChunkedAndEachFlushArrivesBeforeTheNextWrite() throws IOException {
    try (Socket s = connect()) {
      send(s, "GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String first = readUntil(s, "3\r\none\r\n");
      assertThat(first).startsWith("HTTP/1.1 200 OK\r\n").contains("Transfer-Encoding: chunked\r\n")
          .endsWith("\r\n\r\n3\r\none\r\n");
      release.countDown();
      assertThat(readAll(s, 5_000)).isEqualTo("3\r\ntwo\r\n0\r\n\r\n<closed>");
    }
  }

  @Test
  void anHttp10StreamEndsWithTheConnection() throws IOException {
    release.countDown();
    try (Socket s = connect()) {
      send(s, "GET /stream HTTP/1.0\r\n\r\n");
      String text = readAll(s, 5_000);
      assertThat(text).startsWith("HTTP/1.0 200 OK\r\n").doesNotContain("Transfer-Encoding")
          .contains("Connection: close\r\n").endsWith("\r\n\r\nonetwo<closed>");
    }
  }

  @Test
  void aClientThatLeavesMidStreamFailsTheHandlersWrites() throws Exception {
    try (Socket s = connect()) {
      send(s, "GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
      readUntil(s, "tick");
    }
    assertThat(writeFailed.await(10, TimeUnit.SECONDS)).as("a write failed after the client left").isTrue();
  }

  @Test
  void drainingClosesTheConnectionAfterTheNextResponse() throws IOException {
    try (Socket s = connect()) {
      send(s, "GET /ignore HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readUntil(s, "ignored")).doesNotContain("Connection: close");
      server.drain();
      send(s, "GET /ignore HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readAll(s, 5_000)).contains("Connection: close\r\n").endsWith("ignored<closed>");
    }
  }
}
