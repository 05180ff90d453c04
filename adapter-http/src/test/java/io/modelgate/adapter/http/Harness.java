package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.modelgate.provider.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A running service for tests: the demo provider plus an OpenAI upstream on MockWebServer that serves the real
 * fixtures (the model listing is ours, so the ids say what each model does), and a JDK HTTP client.
 */
final class Harness implements AutoCloseable {
  static final String UPSTREAM_KEY = "sk-test-upstream-secret-1234567890";
  private static final Moshi MOSHI = new Moshi.Builder().build();

  final MockWebServer upstream = new MockWebServer();
  final List<RecordedRequest> upstreamRequests = new CopyOnWriteArrayList<>();
  final TestComponent graph;
  /** The data directory of this run's H2 database and keyset; deleted on close. */
  final Path home;
  final HttpService service;
  final String adminKey;
  final String printed;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  Harness() throws IOException {
    this(Map.of());
  }

  /** A harness whose service also sees {@code extraEnv}. */
  Harness(Map<String, String> extraEnv) throws IOException {
    upstream.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        upstreamRequests.add(request);
        return route(request);
      }
    });
    upstream.start();
    home = Files.createTempDirectory("modelgate-http-test");
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.putAll(Map.of(
        "MODELGATE_HOME", home.toString(),
        "OPENAI_API_KEY", UPSTREAM_KEY,
        "OPENAI_BASE_URL", upstream.url("/v1").toString(),
        "MODELGATE_CORS_ORIGINS", "https://app.example",
        "MODELGATE_MAX_BODY_BYTES", "65536"));
    graph = DaggerTestComponent.factory().create(env);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    service = HttpService.start(graph, 0, new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
    adminKey = service.bootstrapKey().orElseThrow();
  }

  private static MockResponse route(RecordedRequest request) {
    String target = request.getTarget();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (target.endsWith("/models")) {
      return json(200, """
          {"object":"list","data":[
            {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
            {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
            {"id":"gpt-4.1","object":"model","created":1744316542,"owned_by":"system"},
            {"id":"gpt-4.1-mini","object":"model","created":1744318173,"owned_by":"system"},
            {"id":"gpt-4.1-nano","object":"model","created":1744321025,"owned_by":"system"},
            {"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"}]}""");
    }
    if (target.endsWith("/embeddings")) {
      return json(200, Fixtures.read("openai/embeddings_response.json"));
    }
    if (target.endsWith("/chat/completions")) {
      if (body.contains("\"gpt-4o\"")) {
        return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
            .setHeader("Retry-After", "7").body(Fixtures.read("openai/error_429_rate_limit_exceeded_tokens.json"))
            .build();
      }
      if (body.contains("\"gpt-4.1\"")) {
        return json(500, "{\"error\":{\"message\":\"upstream exploded at http://10.1.2.3:8080/internal\","
            + "\"type\":\"server_error\"}}");
      }
      if (body.contains("\"gpt-4.1-mini\"")) {
        String sse = Fixtures.read("openai/chat_completions_stream_text_with_usage.sse");
        return sse(sse.substring(0, sse.indexOf("data:", 400)));
      }
      if (body.contains("take your time")) {
        // The recorded stream, trickled: the provider falls silent between pieces.
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
            .body(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"))
            .throttleBody(3_000, 1_300, java.util.concurrent.TimeUnit.MILLISECONDS).build();
      }
      if (body.contains("\"logprobs\":true")) {
        return json(200, Fixtures.read("openai/chat_completions_logprobs_response.json"));
      }
      if (body.contains("\"n\":3")) {
        // An n=3 stream with usage, in the shape OpenAI sends it (a role chunk per choice, choices interleaved).
        return sse(resource("openai/chat_completions_stream_n3_with_usage.sse"));
      }
      if (body.contains("\"tools\"")) {
        return sse(Fixtures.read("openai/chat_completions_stream_tool_call_with_usage.sse"));
      }
      return sse(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"));
    }
    return json(404, "{\"error\":{\"message\":\"no route\"}}");
  }

  static String resource(String name) {
    try (var in = Harness.class.getClassLoader().getResourceAsStream(name)) {
      return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  String base() {
    return "http://localhost:" + service.port();
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  HttpResponse<String> get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  HttpResponse<String> post(String path, String key, String json) {
    return send(request(path, key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> method(String method, String path, String key, String json) {
    return send(request(path, key).header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(HttpResponse<String> response) {
    try {
      return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> data(HttpResponse<String> response) {
    return (List<Map<String, Object>>) object(response).get("data");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(HttpResponse<String> response) {
    return (Map<String, Object>) object(response).get("error");
  }

  /** The {@code data:} payloads of an SSE body, in order. */
  static List<String> events(String body) {
    List<String> out = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      if (frame.startsWith("data: ")) {
        out.add(frame.substring(6));
      }
    }
    return out;
  }

  /** Creates a user (in {@code org}, if given) and returns a fresh gateway key of theirs. */
  String member(String name, String org) {
    HttpResponse<String> user = post("/api/admin/users", adminKey,
        "{\"name\":\"" + name + "\",\"role\":\"member\"" + (org == null ? "" : ",\"org_id\":\"" + org + "\"") + "}");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
    String id = (String) object(user).get("id");
    HttpResponse<String> key = post("/api/admin/users/" + id + "/keys", adminKey, "{\"name\":\"test\"}");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    return (String) object(key).get("key");
  }

  String userId(String key) {
    return (String) object(get("/api/users/me", key)).get("id");
  }

  @Override
  public void close() throws IOException {
    try {
      service.close();
      upstream.close();
    } finally {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
