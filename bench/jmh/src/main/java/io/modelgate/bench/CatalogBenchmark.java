package io.modelgate.bench;

import com.sun.net.httpserver.HttpServer;
import io.modelgate.adapter.http.HttpService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The model lists over a 10,000-model catalog through the whole service, in one JVM, as the catalog phase of
 * {@code ./bench/run} asks for them: a member's key, one request at a time, the body read whole. Embedded H2; the
 * provider lists its models once, at start-up. With {@code -prof gc} it shows what a request allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-XX:+UseSerialGC", "-Xms64m", "-Xmx512m"})
public class CatalogBenchmark {
  static final int MODELS = 10_000;
  private static final String ADMIN_KEY = "mg_be7c4001_benchadminkey0123456789";

  private HttpServer stub;
  private HttpService service;
  private HttpClient client;
  private HttpRequest v1Models;
  private HttpRequest aiModels;

  @Setup
  public void setUp() throws Exception {
    StringBuilder list = new StringBuilder("{\"object\":\"list\",\"data\":[");
    for (int i = 0; i < MODELS; i++) {
      list.append(i == 0 ? "" : ",").append("{\"id\":\"bench-model-").append(String.format("%05d", i))
          .append("\",\"object\":\"model\",\"created\":1764460800,\"owned_by\":\"bench\"}");
    }
    byte[] models = list.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    stub.createContext("/v1/models", e -> {
      e.getResponseHeaders().add("Content-Type", "application/json");
      e.sendResponseHeaders(200, models.length);
      try (OutputStream out = e.getResponseBody()) {
        out.write(models);
      }
    });
    stub.start();
    String upstream = "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1";

    service = EmbeddedService.start("catalog", "big", upstream, ADMIN_KEY);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
    String base = "http://127.0.0.1:" + service.port();
    String user = field(send(post(base + "/api/admin/users", "{\"name\":\"bench\",\"role\":\"member\"}")), "id");
    String key = field(send(post(base + "/api/admin/users/" + user + "/keys", "{\"name\":\"bench\"}")), "key");
    v1Models = get(base + "/v1/models", key);
    aiModels = get(base + "/ai/models", key);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (count(send(v1Models)) < MODELS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the " + MODELS + " models were not listed within 2 minutes");
      }
      Thread.sleep(200);
    }
  }

  @TearDown
  public void tearDown() {
    service.close();
    stub.stop(0);
  }

  @Benchmark
  public long v1Models() {
    return read(v1Models);
  }

  @Benchmark
  public long aiModels() {
    return read(aiModels);
  }

  /** The body's length, read through one reused buffer (the client's part of the allocation kept small). */
  private long read(HttpRequest request) {
    return exchange(request, HttpResponse.BodyHandlers.ofInputStream(), in -> {
      long n = 0;
      try (in) {
        for (int got; (got = in.read(buffer)) >= 0; ) {
          n += got;
        }
      }
      return n;
    });
  }

  private final byte[] buffer = new byte[64 * 1024];

  private static int count(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int n = 0;
    for (int at = text.indexOf("\"id\":\"big:"); at >= 0; at = text.indexOf("\"id\":\"big:", at + 1)) {
      n++;
    }
    return n;
  }

  private static String field(byte[] body, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(new String(body, StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new IllegalStateException("no '" + name + "' in " + new String(body, StandardCharsets.UTF_8));
    }
    return m.group(1);
  }

  private byte[] send(HttpRequest request) {
    return exchange(request, HttpResponse.BodyHandlers.ofByteArray(), body -> body);
  }

  private interface Reading<B, T> {
    T read(B body) throws IOException;
  }

  /** Sends {@code request}; what {@code reading} makes of a 2xx answer's body. */
  private <B, T> T exchange(HttpRequest request, HttpResponse.BodyHandler<B> handler, Reading<B, T> reading) {
    try {
      HttpResponse<B> r = client.send(request, handler);
      T result = reading.read(r.body());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("HTTP " + r.statusCode() + " from " + request.uri());
      }
      return result;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest get(String url, String key) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build();
  }

  private static HttpRequest post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
