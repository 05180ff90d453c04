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

  /** A harness whose service also sees {@code extraEnv} (which wins over the defaults here). */
  Harness(Map<String, String> extraEnv) throws IOException {
    this(extraEnv, null);
  }

  /** A harness whose service sees {@code extraEnv} (winning over the defaults) and whose upstream answers so. */
  Harness(Map<String, String> extraEnv, mockwebserver3.@org.jspecify.annotations.Nullable Dispatcher answers)
      throws IOException {
    upstream.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        upstreamRequests.add(request);
        return answers == null ? route(request) : answers.dispatch(request);
      }
    });
    upstream.start();
    home = Files.createTempDirectory("modelgate-http-test");
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "MODELGATE_HOME", home.toString(),
        "OPENAI_API_KEY", UPSTREAM_KEY,
        "OPENAI_BASE_URL", upstream.url("/v1").toString(),
        "MODELGATE_CORS_ORIGINS", "https://app.example",
        "MODELGATE_MAX_BODY_BYTES", "65536"));
    // One service serves many tests whose upstream fails on purpose: one attempt per call and circuits that do not
    // open keep each test's answer its own. FailoverHttpTest sets these back to what it tests.
    env.put("MODELGATE_MAX_ATTEMPTS", "1");
    env.put("MODELGATE_BREAKER_FAILURES", "1000000");
    // "{upstream}" in a value stands for the fake upstream's base URL (ANTHROPIC_BASE_URL={upstream}/anthropic).
    extraEnv.forEach((k, v) -> env.put(k, v.replace("{upstream}", upstream.url("").toString().replaceAll("/$", ""))));
    graph = DaggerTestComponent.factory().create(env);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    service = HttpService.start(graph, 0, new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
    adminKey = service.bootstrapKey().orElseThrow();
  }

  /** The default upstream: OpenAI on {@code /v1}, Anthropic under {@code /anthropic}. */
  static MockResponse route(RecordedRequest request) {
    String target = request.getTarget();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (target.startsWith("/anthropic/")) {
      return anthropic(target, body);
    }
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
    if (target.endsWith("/v1/responses")) {
      return responses(body);
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
      if (body.contains("refuse this")) {
        String head = "data: {\"id\":\"chatcmpl-R\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,"
            + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"delta\":";
        return sse(head + "{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"},\"finish_reason\":null}]}\n\n"
            + head + "{\"refusal\":\"I'm sorry, I can't help with that.\"},\"finish_reason\":null}]}\n\n"
            + head + "{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
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

  /**
   * OpenAI's Responses API upstream, streamed as its semantic events: the recorded stream of a web search with
   * encrypted reasoning and citations when the input speaks of Berlin; else, constructed per the API reference, a
   * function call when function tools are offered and no call output is in the input, else reasoning and a text
   * reply; gpt-4o is rate limited, gpt-4.1 fails, gpt-4.1-mini breaks off mid-way.
   */
  private static MockResponse responses(String body) {
    if (body.contains("\"gpt-4o\"")) {
      return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
          .setHeader("Retry-After", "7").body(Fixtures.read("openai/error_429_rate_limit_exceeded_tokens.json"))
          .build();
    }
    if (body.contains("\"gpt-4.1\"")) {
      return json(500, "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}");
    }
    if (body.contains("Berlin")) {
      // Recorded from OpenAI: encrypted reasoning, a web_search_call, a message with url_citation annotations.
      return sse(Fixtures.recorded("openai/responses_stream_reasoning_web_search_citations.sse"));
    }
    String model = body.contains("\"gpt-4.1-mini\"") ? "gpt-4.1-mini" : "gpt-4o-mini";
    String created = responseEvent("response.created", 0, "\"response\":{\"id\":\"resp_up1\",\"object\":"
        + "\"response\",\"status\":\"in_progress\",\"model\":\"" + model + "\",\"output\":[]}");
    String usage = "\"usage\":{\"input_tokens\":21,\"input_tokens_details\":{\"cached_tokens\":0},"
        + "\"output_tokens\":9,\"output_tokens_details\":{\"reasoning_tokens\":4},\"total_tokens\":30}";
    String completed = responseEvent("response.completed", 20, "\"response\":{\"id\":\"resp_up1\",\"object\":"
        + "\"response\",\"status\":\"completed\",\"model\":\"" + model + "\",\"output\":[]," + usage + "}");
    if (body.contains("\"type\":\"function\"") && !body.contains("function_call_output")) {
      String call = "{\"id\":\"fc_up1\",\"type\":\"function_call\",\"status\":\"%s\",\"call_id\":\"call_up1\","
          + "\"name\":\"get_weather\",\"arguments\":\"%s\"}";
      return sse(created
          + responseEvent("response.output_item.added", 1, "\"output_index\":0,\"item\":"
              + call.formatted("in_progress", ""))
          + responseEvent("response.function_call_arguments.delta", 2,
              "\"item_id\":\"fc_up1\",\"output_index\":0,\"delta\":\"{\\\"location\\\":\"")
          + responseEvent("response.function_call_arguments.delta", 3,
              "\"item_id\":\"fc_up1\",\"output_index\":0,\"delta\":\"\\\"Paris\\\"}\"")
          + responseEvent("response.function_call_arguments.done", 4,
              "\"item_id\":\"fc_up1\",\"output_index\":0,\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"")
          + responseEvent("response.output_item.done", 5, "\"output_index\":0,\"item\":"
              + call.formatted("completed", "{\\\"location\\\":\\\"Paris\\\"}"))
          + completed);
    }
    String summary = "{\"type\":\"summary_text\",\"text\":\"Thinking it over.\"}";
    String message = "{\"id\":\"msg_up1\",\"type\":\"message\",\"status\":\"%s\",\"role\":\"assistant\","
        + "\"content\":[%s]}";
    String part = "{\"type\":\"output_text\",\"annotations\":[],\"text\":\"%s\"}";
    String head = created
        + responseEvent("response.output_item.added", 1, "\"output_index\":0,\"item\":{\"id\":\"rs_up1\","
            + "\"type\":\"reasoning\",\"summary\":[]}")
        + responseEvent("response.reasoning_summary_part.added", 2, "\"item_id\":\"rs_up1\",\"output_index\":0,"
            + "\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"\"}")
        + responseEvent("response.reasoning_summary_text.delta", 3,
            "\"item_id\":\"rs_up1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Thinking it over.\"")
        + responseEvent("response.reasoning_summary_text.done", 4,
            "\"item_id\":\"rs_up1\",\"output_index\":0,\"summary_index\":0,\"text\":\"Thinking it over.\"")
        + responseEvent("response.reasoning_summary_part.done", 5, "\"item_id\":\"rs_up1\",\"output_index\":0,"
            + "\"summary_index\":0,\"part\":" + summary)
        + responseEvent("response.output_item.done", 6, "\"output_index\":0,\"item\":{\"id\":\"rs_up1\","
            + "\"type\":\"reasoning\",\"summary\":[" + summary + "]}")
        + responseEvent("response.output_item.added", 7, "\"output_index\":1,\"item\":"
            + message.formatted("in_progress", ""))
        + responseEvent("response.content_part.added", 8, "\"item_id\":\"msg_up1\",\"output_index\":1,"
            + "\"content_index\":0,\"part\":" + part.formatted(""))
        + responseEvent("response.output_text.delta", 9,
            "\"item_id\":\"msg_up1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Hello from \"");
    if (model.equals("gpt-4.1-mini")) {
      return sse(head);
    }
    String text = "Hello from the Responses API.";
    return sse(head + responseEvent("response.output_text.delta", 10,
        "\"item_id\":\"msg_up1\",\"output_index\":1,\"content_index\":0,\"delta\":\"the Responses API.\"")
        + responseEvent("response.output_text.done", 11,
            "\"item_id\":\"msg_up1\",\"output_index\":1,\"content_index\":0,\"text\":\"" + text + "\"")
        + responseEvent("response.content_part.done", 12, "\"item_id\":\"msg_up1\",\"output_index\":1,"
            + "\"content_index\":0,\"part\":" + part.formatted(text))
        + responseEvent("response.output_item.done", 13, "\"output_index\":1,\"item\":"
            + message.formatted("completed", part.formatted(text)))
        + completed);
  }

  private static String responseEvent(String type, int sequence, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequence + ","
        + fields + "}\n\n";
  }

  static String resource(String name) {
    try (var in = Harness.class.getClassLoader().getResourceAsStream(name)) {
      return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The Anthropic upstream (for a harness started with ANTHROPIC_BASE_URL={upstream}/anthropic). */
  private static MockResponse anthropic(String target, String body) {
    if (target.startsWith("/anthropic/v1/models")) {
      return json(200, """
          {"data":[{"id":"claude-sonnet-4-5","type":"model","display_name":"Claude Sonnet 4.5",
          "created_at":"2025-09-29T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5",
          "last_id":"claude-sonnet-4-5"}""");
    }
    if (target.startsWith("/anthropic/v1/messages")) {
      if (body.contains("break off")) {
        String sse = ANTHROPIC_THINKING_STREAM;
        return sse(sse.substring(0, sse.indexOf("event: content_block_start", sse.indexOf("signature_delta"))));
      }
      if (body.contains("\"thinking\"") || body.contains("\"tools\"")) {
        return sse(ANTHROPIC_THINKING_STREAM);
      }
      return sse(Fixtures.read("anthropic/messages_stream_sdk_fixture_basic_response.sse"));
    }
    return json(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no route\"}}");
  }

  /** A reply shaped like Claude Code's: signed thinking, text, a tool call, and prompt-cache usage. */
  static final String ANTHROPIC_THINKING_STREAM = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_01Up","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":2048,"cache_read_input_tokens":30000,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

      event: ping
      data: {"type":"ping"}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants the file listed."}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCkgIARABGAIiQL2sig=="}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: content_block_start
      data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Let me look."}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":1}

      event: content_block_start
      data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01Bash","name":"Bash","input":{}}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"command\\": "}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\\"ls -la\\"}"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":2}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":12,"cache_creation_input_tokens":2048,"cache_read_input_tokens":30000,"output_tokens":57}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse sse(String body) {
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

  /** Enables the models (discovered models start pending). */
  void enable(String... ids) {
    for (String id : ids) {
      HttpResponse<String> r = method("PATCH", "/api/admin/models/" + id, adminKey, "{\"status\":\"enabled\"}");
      assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(200);
    }
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
