package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server at the socket level, as a raw client sees it: {@code Connection: close} is honoured, HTTP/1.0 gets an
 * HTTP/1.0 answer, and requests that could desync a proxy (differing Content-Length, Transfer-Encoding with
 * Content-Length, line folding, bad header names) are refused with 400 and the connection closed, so a request
 * smuggled behind them is never served.
 */
class SocketHygieneTest {
  private static Harness h;

  @BeforeAll
  static void start() throws IOException {
    h = new Harness();
  }

  @AfterAll
  static void stop() throws IOException {
    h.close();
  }

  /** What the server sent until it closed the connection, or until the read timed out. */
  record Exchange(String text, boolean closed) {
    int responses() {
      return text.split("HTTP/1\\.[01] \\d{3}", -1).length - 1;
    }

    String statusLine() {
      return text.isEmpty() ? "" : text.substring(0, text.indexOf("\r\n"));
    }
  }

  private static Exchange exchange(String raw, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", h.service.port())) {
      socket.setSoTimeout(timeoutMillis);
      socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      boolean closed;
      try {
        int n;
        while ((n = in.read(buffer)) != -1) {
          read.write(buffer, 0, n);
        }
        closed = true;
      } catch (SocketTimeoutException e) {
        closed = false;
      } catch (java.net.SocketException e) {
        closed = true; // reset by the server: closed as well
      }
      return new Exchange(read.toString(StandardCharsets.ISO_8859_1), closed);
    }
  }

  @Test
  void connectionCloseGetsTheResponseThenEof() throws IOException {
    // Warm up (the first request of a JVM loads classes), then the measured one: EOF within 100 ms of the answer.
    exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5_000);
    Exchange e = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 100);
    assertThat(e.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(e.closed()).as("EOF after the response: " + e.text()).isTrue();
  }

  @Test
  void http10GetsAnHttp10AnswerAndEof() throws IOException {
    Exchange e = exchange("GET /health/live HTTP/1.0\r\n\r\n", 5_000);
    assertThat(e.statusLine()).isEqualTo("HTTP/1.0 200 OK");
    assertThat(e.closed()).as("EOF after the response: " + e.text()).isTrue();
  }

  @Test
  void differingDuplicateContentLengthIsRefusedAndTheSmuggledRequestNeverServed() throws IOException {
    String smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    Exchange e = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2\r\nContent-Length: " + (2 + smuggled.length()) + "\r\n\r\n{}" + smuggled, 5_000);
    assertThat(e.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(e.responses()).as(e.text()).isEqualTo(1);
    assertThat(e.text()).doesNotContain("modelgate_");
    assertThat(e.closed()).isTrue();
  }

  @Test
  void transferEncodingWithContentLengthIsRefusedAndTheSmuggledRequestNeverServed() throws IOException {
    String smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    String chunked = "0\r\n\r\n";
    Exchange e = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\nContent-Length: " + chunked.length() + "\r\n\r\n" + chunked + smuggled,
        5_000);
    assertThat(e.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(e.responses()).as(e.text()).isEqualTo(1);
    assertThat(e.text()).doesNotContain("modelgate_");
    assertThat(e.closed()).isTrue();
  }

  @Test
  void obsoleteLineFoldingIsRefused() throws IOException {
    Exchange e = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Folded: one\r\n two\r\n\r\n", 5_000);
    assertThat(e.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(e.closed()).isTrue();
  }

  @Test
  void invalidHeaderNamesAreRefused() throws IOException {
    for (String name : new String[] {"Bad Name", "Bad\tName", "Bad(Name)", "Content-Length ", ""}) {
      Exchange e = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n" + name + ": v\r\n\r\n", 5_000);
      assertThat(e.statusLine()).as("header name '%s'", name).isEqualTo("HTTP/1.1 400 Bad Request");
      assertThat(e.closed()).as("header name '%s'", name).isTrue();
    }
  }

  @Test
  void aPipelinedPairOfGoodRequestsIsStillServed() throws IOException {
    Exchange e = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5_000);
    assertThat(e.responses()).as(e.text()).isEqualTo(2);
    assertThat(e.closed()).isTrue();
  }
}
