package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.provider.testkit.Fixtures;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code modelgate serve} (its own process) while streams are in flight: it is no longer ready at once,
 * takes no new connection, lets every stream finish, records every call's usage, and exits 0; when the drain time
 * is shorter than the streams, each left ends with an error event and still has its usage record.
 */
class GracefulShutdownTest {
  private static final int STREAMS = 50;

  @TempDir
  Path home;

  private final AtomicInteger upstreamCalls = new AtomicInteger();

  /** An OpenAI upstream whose streams trickle over about {@code streamMillis}. */
  private MockWebServer upstream(long streamMillis) throws Exception {
    MockWebServer server = new MockWebServer();
    String sse = Fixtures.read("openai/chat_completions_stream_text_with_usage.sse");
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/models")) {
          return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(
              "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,"
                  + "\"owned_by\":\"system\"}]}").build();
        }
        upstreamCalls.incrementAndGet();
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(sse)
            .throttleBody(sse.length() / 8 + 1, streamMillis / 8, TimeUnit.MILLISECONDS).build();
      }
    });
    server.start();
    return server;
  }

  private record Started(Process process, int port, String key) {}

  private Started serve(MockWebServer upstream, String drainSeconds) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = ServeTest.serve(home, Map.of("MODELGATE_PORT", Integer.toString(port),
        "OPENAI_API_KEY", "sk-test-upstream-secret-1234567890", "OPENAI_BASE_URL", upstream.url("/v1").toString(),
        "MODELGATE_DRAIN_SECONDS", drainSeconds, "MODELGATE_HEALTH_INTERVAL_SECONDS", "0"),
        ProcessBuilder.Redirect.DISCARD);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).startsWith("Modelgate listening");
    String keyLine = out.readLine();
    String key = keyLine.substring(keyLine.lastIndexOf(' ') + 1);
    HttpResponse<String> enabled = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/admin/models/bulk-update")).header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    return new Started(process, port, key);
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private List<CompletableFuture<HttpResponse<String>>> streams(Started s) {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
              + "/v1/chat/completions")).header("Authorization", "Bearer " + s.key())
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(90))
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai:gpt-4o-mini\",\"stream\":true,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"call " + i + "\"}]}")).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    return calls;
  }

  private void awaitUpstreamCalls() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (upstreamCalls.get() < STREAMS && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(upstreamCalls.get()).as("streams in flight").isEqualTo(STREAMS);
  }

  /** Requests counted in the usage log, read through the embedded CLI on the same database. */
  private long recordedRequests() {
    CliRun report = CliRun.run(Map.of("MODELGATE_HOME", home.toString(), "MODELGATE_DEMO", "off"), "",
        "usage", "report", "--by", "model", "--json");
    assertThat(report.exit()).as(report.err()).isZero();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"requests\"\\s*:\\s*(\\d+)").matcher(report.out());
    long total = 0;
    while (m.find()) {
      total += Long.parseLong(m.group(1));
    }
    return total;
  }

  private static String exchange(Socket socket, String request) throws Exception {
    socket.setSoTimeout(5_000);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void sigtermLetsEveryStreamInFlightFinishWithItsUsageRecord() throws Exception {
    try (MockWebServer upstream = upstream(4_000)) {
      Started s = serve(upstream, "30");
      try (Socket keptOpen = new Socket("127.0.0.1", s.port())) {
        List<CompletableFuture<HttpResponse<String>>> calls = streams(s);
        awaitUpstreamCalls();

        s.process().destroy(); // SIGTERM
        Thread.sleep(300);
        String ready = exchange(keptOpen, "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(ready).startsWith("HTTP/1.1 503").contains("Connection: close");
        assertThat(connects(s.port())).as("no new connection is accepted").isFalse();

        for (CompletableFuture<HttpResponse<String>> call : calls) {
          HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).endsWith("data: [DONE]\n\n");
        }
        assertThat(s.process().waitFor(60, TimeUnit.SECONDS)).as("serve exits after the drain").isTrue();
        assertThat(s.process().exitValue()).isZero();
      } finally {
        s.process().destroyForcibly();
      }
      assertThat(recordedRequests()).isEqualTo(STREAMS);
    }
  }

  @Test
  void whenTheDrainTimeIsUpEachStreamLeftEndsWithAnErrorEventAndItsUsageRecord() throws Exception {
    try (MockWebServer upstream = upstream(60_000)) {
      Started s = serve(upstream, "1");
      try {
        List<CompletableFuture<HttpResponse<String>>> calls = streams(s);
        awaitUpstreamCalls();
        s.process().destroy(); // SIGTERM
        for (CompletableFuture<HttpResponse<String>> call : calls) {
          HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).contains("\"code\":\"shutting_down\"").doesNotContain("[DONE]");
        }
        assertThat(s.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        s.process().destroyForcibly();
      }
      assertThat(recordedRequests()).isEqualTo(STREAMS);
    }
  }

  private static boolean connects(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
