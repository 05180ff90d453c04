package io.modelgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelgate.adapter.http.HttpService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The relay through the whole service, in one JVM: a chat completion (JSON in, JSON out) and a stream (per SSE
 * chunk) through Modelgate ({@code HttpService}: key, route, quota, usage record, the provider's client, the
 * HTTP server) to an OpenAI-compatible stub, beside the same calls straight to the stub. The gateway's own cost is
 * the difference. Embedded H2, the usage log on, one call at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-XX:+UseSerialGC", "-Xms64m", "-Dsun.net.httpserver.nodelay=true"})
public class RelayBenchmark {
  static final int CHUNKS = 32;
  private static final String ADMIN_KEY = "mg_be7c4000_benchadminkey0123456789";

  private HttpServer stub;
  private HttpService service;
  private HttpClient client;
  private HttpRequest direct;
  private HttpRequest directStream;
  private HttpRequest relayed;
  private HttpRequest relayedStream;
  private HttpRequest live;

  @Setup
  public void setUp() throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    stub.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    stub.createContext("/v1/models", e -> reply(e, "application/json",
        "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-bench\",\"object\":\"model\",\"owned_by\":\"bench\"}]}"));
    stub.createContext("/v1/chat/completions", RelayBenchmark::chat);
    stub.start();
    String upstream = "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1";

    service = EmbeddedService.start("relay", "stub", upstream, ADMIN_KEY);

    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
    String gateway = "http://127.0.0.1:" + service.port() + "/v1/chat/completions";
    direct = post(upstream + "/chat/completions", body("gpt-bench", false), null);
    directStream = post(upstream + "/chat/completions", body("gpt-bench", true), null);
    relayed = post(gateway, body("stub:gpt-bench", false), ADMIN_KEY);
    relayedStream = post(gateway, body("stub:gpt-bench", true), ADMIN_KEY);
    live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health/live")).build();
    String check = chatCompletionThroughModelgate();
    if (!check.contains("chat.completion")) {
      throw new IllegalStateException("the gateway did not relay the completion: " + check);
    }
  }

  @TearDown
  public void tearDown() {
    service.close();
    stub.stop(0);
  }

  /** The floor: a request that does nothing, through the HTTP server. */
  @Benchmark
  public String healthThroughModelgate() {
    return send(live);
  }

  @Benchmark
  public String chatCompletionDirect() {
    return send(direct);
  }

  @Benchmark
  public String chatCompletionThroughModelgate() {
    return send(relayed);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public int streamChunkDirect() {
    return readStream(directStream);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public int streamChunkThroughModelgate() {
    return readStream(relayedStream);
  }

  private String send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads a stream to its end; the number of content chunks it carried. */
  private int readStream(HttpRequest request) {
    try {
      HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int chunks = 0;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("data:") && line.contains("\"content\":\"tok")) {
            chunks++;
          }
        }
      }
      if (r.statusCode() != 200 || chunks != CHUNKS) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ", " + chunks + " chunks of " + CHUNKS);
      }
      return chunks;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest post(String url, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b.build();
  }

  private static String body(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
  }

  private static final String COMPLETION = "{\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion\","
      + "\"created\":1764460800,\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"" + "The quick brown fox jumps over the lazy dog. ".repeat(17).strip() + "\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":170,\"total_tokens\":194}}";

  private static void chat(HttpExchange e) throws IOException {
    String request = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!request.contains("\"stream\":true")) {
      reply(e, "application/json", COMPLETION);
      return;
    }
    e.getResponseHeaders().add("Content-Type", "text/event-stream");
    e.sendResponseHeaders(200, 0);
    try (OutputStream out = e.getResponseBody()) {
      for (int i = 0; i <= CHUNKS; i++) {
        boolean last = i == CHUNKS;
        String chunk = "{\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion.chunk\",\"created\":1764460800,"
            + "\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"delta\":" + (last ? "{}" : "{\"content\":\"tok" + i + " \"}")
            + ",\"finish_reason\":" + (last ? "\"stop\"" : "null") + "}]"
            + (last ? ",\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":32,\"total_tokens\":56}" : "") + "}";
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange e, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", type);
    e.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
  }
}
