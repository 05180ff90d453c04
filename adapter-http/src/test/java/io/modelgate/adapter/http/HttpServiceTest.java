package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.data;
import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.events;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServiceTest {
  private Harness h;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    admin = h.adminKey;
    for (String id : List.of("openai:gpt-4o-mini", "openai:gpt-4o", "openai:gpt-4.1", "openai:gpt-4.1-mini",
        "openai:text-embedding-3-small")) {
      HttpResponse<String> r = h.method("PATCH", "/api/admin/models/" + id, admin, "{\"status\":\"enabled\"}");
      assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(200);
    }
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  // ---- start-up, operations -----------------------------------------------------------------------------------

  @Test
  void startPrintsWhereItListensAndTheGeneratedAdminKeyOnce() {
    assertThat(h.printed).contains("http://localhost:" + h.service.port());
    assertThat(h.printed.split(java.util.regex.Pattern.quote(admin), -1)).hasSize(2);
  }

  @Test
  void healthNeedsNoKeyAndMetricsAnAdmin() {
    assertThat(h.get("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = h.get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(object(ready)).containsEntry("status", "up");
    h.post("/v1/chat/completions", admin, "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(h.get("/metrics", null).statusCode()).isEqualTo(401);
    HttpResponse<String> metrics = h.get("/metrics", admin);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("modelgate_model_requests_total{model=\"demo:echo\",operation=\"chat\",outcome=\"success\",provider=\"demo\"}")
        .contains("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"demo\",gen_ai_request_model=\"echo\",gen_ai_token_type=\"output\",modelgate_provider_id=\"demo\"}")
        .contains("modelgate_http_requests_total{method=\"POST\",route=\"/v1/chat/completions\",status=\"200\"}");
  }

  @Test
  void openApiDescribesExactlyTheRegisteredRoutes() {
    HttpResponse<String> r = h.get("/openapi.json", null);
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> doc = object(r);
    assertThat(doc.get("openapi")).isEqualTo("3.1.0");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    java.util.Set<String> documented = new java.util.TreeSet<>();
    paths.forEach((path, ops) -> ops.keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));
    java.util.Set<String> registered = new java.util.TreeSet<>();
    h.graph.api().endpoints().forEach(e -> registered.add(e.method().text() + " " + e.path()));
    assertThat(documented).isEqualTo(registered);
    assertThat(registered).contains("GET /v1/models", "POST /v1/chat/completions", "POST /v1/embeddings",
        "POST /v1/audio/speech", "GET /ai/models", "POST /ai/chat", "POST /ai/stream",
        "POST /api/admin/models/discover", "PATCH /api/admin/models/{id}", "POST /api/admin/models/bulk-update",
        "POST /api/admin/models/set-default", "GET /api/admin/models/migrations", "DELETE /api/admin/ai-clients/{id}",
        "DELETE /api/admin/providers/{id}", "PATCH /api/admin/providers/{id}", "GET /api/admin/providers/{id}/models",
        "GET /api/admin/ai-clients/{id}/models", "PUT /api/admin/orgs/{id}/allowed-models",
        "DELETE /api/admin/keys/{prefix}", "GET /api/admin/usage", "PUT /api/admin/quotas/{kind}/{id}",
        "GET /api/admin/quotas/{kind}/{id}", "GET /api/admin/usage/conversations/{id}", "PUT /api/admin/aliases/{name}",
        "GET /api/admin/audit", "POST /api/ai/api-keys", "POST /api/ai/provider-configs",
        "PUT /api/users/me/preferences", "GET /health/ready", "GET /metrics");
  }

  @Test
  @SuppressWarnings("unchecked")
  void openApiDescribesRequestBodiesFromTheRecordsTheHandlersParse() {
    Map<String, Object> paths = (Map<String, Object>) object(h.get("/openapi.json", null)).get("paths");

    Map<String, Object> chat = requestSchema(paths, "/v1/chat/completions");
    assertThat(chat.get("required")).isEqualTo(List.of("messages"));
    Map<String, Object> chatFields = (Map<String, Object>) chat.get("properties");
    assertThat(chatFields).containsEntry("temperature", Map.of("type", "number"))
        .containsEntry("max_completion_tokens", Map.of("type", "integer", "format", "int32"))
        .containsEntry("stream", Map.of("type", "boolean")).containsKeys("tool_choice", "response_format", "stop");
    Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) chatFields.get("messages")).get("items");
    assertThat(message.get("required")).isEqualTo(List.of("role"));
    assertThat(((Map<String, Object>) message.get("properties")).keySet())
        .containsExactly("role", "content", "name", "tool_calls", "tool_call_id");

    Map<String, Object> embeddings = requestSchema(paths, "/v1/embeddings");
    assertThat(embeddings.get("required")).isEqualTo(List.of("input"));
    assertThat(((Map<String, Object>) embeddings.get("properties")).keySet())
        .containsExactlyElementsOf(java.util.Arrays.stream(RequestWire.Embeddings.class.getRecordComponents())
            .map(WireSchema::name).toList());
    assertThat(requestSchema(paths, "/v1/audio/speech").get("required")).isEqualTo(List.of("input"));
    assertThat(((Map<String, Object>) requestSchema(paths, "/ai/stream").get("properties")).keySet())
        .containsExactly("model", "prompt", "messages", "history", "conversation_id");
  }

  @Test
  void aRequestFieldOfTheWrongTypeOrMissingIsA400NamingIt() {
    HttpResponse<String> wrong = h.post("/v1/chat/completions", admin,
        "{\"model\":\"demo:echo\",\"max_tokens\":\"many\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(error(wrong)).containsEntry("param", "max_tokens").containsEntry("message", "'max_tokens' must be an integer");

    HttpResponse<String> noRole = h.post("/v1/chat/completions", admin,
        "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"content\":\"x\"}]}");
    assertThat(noRole.statusCode()).isEqualTo(400);
    assertThat(error(noRole)).containsEntry("param", "messages[1].role");

    HttpResponse<String> numberAsModel = h.post("/v1/embeddings", admin, "{\"model\":42,\"input\":\"hi\"}");
    assertThat(numberAsModel.statusCode()).isEqualTo(400);
    assertThat(error(numberAsModel)).containsEntry("param", "model").containsEntry("message", "'model' must be a string");
  }

  /**
   * Every route that takes a body shows its fields, from the record the dispatcher checks the body against; the
   * routes that take none say so by having no request body. A few are checked field by field against the records.
   */
  @Test
  @SuppressWarnings("unchecked")
  void openApiGivesEveryRequestBodyItsFieldsAndTheMainRepliesTheirs() {
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) object(h.get("/openapi.json", null)).get("paths");
    java.util.Set<String> bodiless = new java.util.TreeSet<>();
    paths.forEach((path, ops) -> ops.forEach((method, op) -> {
      if (!List.of("post", "put", "patch").contains(method)) {
        return;
      }
      Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) op).get("requestBody");
      if (body == null) {
        bodiless.add(method.toUpperCase() + " " + path);
        return;
      }
      Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
          body.get("content")).get("application/json")).get("schema");
      assertThat((Map<String, Object>) schema.get("properties")).as(method + " " + path).isNotEmpty();
    }));
    assertThat(bodiless).containsExactly("POST /api/admin/ai-clients/health", "POST /api/admin/providers/health");
    Map<String, Object> all = (Map<String, Object>) (Map<?, ?>) paths;

    assertThat(fieldsOf(requestSchema(all, "/v1/messages"))).isEqualTo(fieldsOf(RequestWire.AnthropicMessages.class));
    assertThat(requestSchema(all, "/anthropic/v1/messages").get("required"))
        .isEqualTo(List.of("model", "max_tokens", "messages"));
    assertThat(fieldsOf(requestSchema(all, "/v1/responses"))).isEqualTo(fieldsOf(RequestWire.Responses.class));
    assertThat(fieldsOf(requestSchema(all, "/ollama/api/chat"))).isEqualTo(fieldsOf(RequestWire.OllamaChat.class));
    assertThat(fieldsOf(requestSchema(all, "/api/generate"))).isEqualTo(fieldsOf(RequestWire.Generate.class));
    assertThat(fieldsOf(requestSchema(all, "/api/users/preferences/llm")))
        .containsExactly("preferred_provider", "preferred_model", "scope", "organization_id", "agent_id");
    Map<String, Object> quota = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) paths.get("/api/admin/quotas/{kind}/{id}").get("put")).get("requestBody"))
        .get("content")).get("application/json");
    assertThat(fieldsOf((Map<String, Object>) quota.get("schema"))).isEqualTo(fieldsOf(
        io.modelgate.wire.AdminWire.Limits.class));

    Map<String, Object> reply = replySchema(paths.get("/v1/messages").get("post"));
    assertThat(fieldsOf(reply)).isEqualTo(fieldsOf(AnthropicWire.Message.class));
    Map<String, Object> users = replySchema(paths.get("/api/admin/users").get("get"));
    Map<String, Object> user = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        users.get("properties")).get("data")).get("items");
    assertThat(fieldsOf(user)).isEqualTo(fieldsOf(io.modelgate.wire.AdminWire.UserView.class));
  }

  @Test
  void aBodyThatDoesNotMatchItsDocumentedRecordIsA400InTheRoutesOwnShape() {
    HttpResponse<String> anthropic = h.send(h.request("/v1/messages", null).header("x-api-key", admin)
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"demo:echo\",\"max_tokens\":\"ten\",\"messages\":[]}")).build());
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(object(anthropic)).containsEntry("type", "error").containsEntry("error",
        Map.of("type", "invalid_request_error", "message", "'max_tokens' must be an integer"));
    HttpResponse<String> ollama = h.post("/ollama/api/chat", admin, "{\"messages\":[]}");
    assertThat(ollama.statusCode()).isEqualTo(400);
    assertThat(object(ollama)).isEqualTo(Map.of("error", "'model' is required"));
    HttpResponse<String> responses = h.post("/v1/responses", admin,
        "{\"model\":\"demo:echo\",\"input\":\"hi\",\"tools\":[{\"name\":\"f\"}]}");
    assertThat(responses.statusCode()).isEqualTo(400);
    assertThat(error(responses)).containsEntry("param", "tools[0].type");
  }

  @SuppressWarnings("unchecked")
  private static List<String> fieldsOf(Map<String, Object> schema) {
    return List.copyOf(((Map<String, Object>) schema.get("properties")).keySet());
  }

  private static List<String> fieldsOf(Class<?> record) {
    return java.util.Arrays.stream(record.getRecordComponents()).map(WireSchema::name).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> replySchema(Object operation) {
    Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) operation)
        .get("responses")).get("2XX");
    return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ok.get("content"))
        .get("application/json")).get("schema");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> requestSchema(Map<String, Object> paths, String path) {
    Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("post");
    Map<String, Object> body = (Map<String, Object>) post.get("requestBody");
    Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) body.get("content")).get("application/json");
    return (Map<String, Object>) content.get("schema");
  }

  @Test
  void unknownRouteIsAnOpenAiError() {
    HttpResponse<String> r = h.get("/v2/nothing", admin);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(error(r)).containsEntry("code", "not_found").containsKey("param");
  }

  // ---- auth -----------------------------------------------------------------------------------------------------

  @Test
  void noKeyOrABadKeyIs401AndAMemberOnAnAdminEndpointIs403() {
    HttpResponse<String> none = h.get("/v1/models", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(error(none)).containsEntry("type", "authentication_error");
    assertThat(h.get("/v1/models", "mg_00000000_notarealkeynotarealkey").statusCode()).isEqualTo(401);
    assertThat(h.get("/v1/models", "garbage").statusCode()).isEqualTo(401);
    String member = h.member("mallory", null);
    HttpResponse<String> denied = h.get("/api/admin/users", member);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(error(denied)).containsEntry("type", "permission_error");
    HttpResponse<String> force = h.get("/ai/models?force=true", member);
    assertThat(force.statusCode()).isEqualTo(403);
  }

  @Test
  void aRevokedKeyIsRefused() {
    String key = h.member("revoked", null);
    assertThat(h.get("/v1/models", key).statusCode()).isEqualTo(200);
    assertThat(h.method("DELETE", "/api/admin/keys/" + key.substring(0, 11), admin, null).statusCode())
        .isEqualTo(204);
    assertThat(h.get("/v1/models", key).statusCode()).isEqualTo(401);
    assertThat(h.method("DELETE", "/api/admin/keys/mg_ffffffff", admin, null).statusCode()).isEqualTo(404);
  }

  // ---- the OpenAI API -------------------------------------------------------------------------------------------

  @Test
  void modelsListTheEnabledModelsWithAnETagAndAnswerIfNoneMatchWith304() {
    HttpResponse<String> r = h.get("/v1/models", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(object(r)).containsEntry("object", "list");
    List<Object> ids = data(r).stream().map(m -> m.get("id")).map(Object.class::cast).toList();
    assertThat(ids).contains("demo:echo", "demo:embed", "openai:gpt-4o-mini").doesNotContain("openai:gpt-4.1-nano");
    assertThat(data(r).getFirst()).containsKeys("object", "created", "owned_by", "category", "status");
    String etag = r.headers().firstValue("etag").orElseThrow();
    assertThat(r.headers().firstValue("cache-control").orElseThrow()).contains("private", "no-cache");
    HttpResponse<String> again = h.send(h.request("/v1/models", admin).header("If-None-Match", etag).GET().build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    HttpResponse<String> one = h.get("/v1/models/demo:echo", admin);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(object(one)).containsEntry("id", "demo:echo").containsEntry("object", "model");
    assertThat(h.get("/v1/models/openai:gpt-4.1-nano", admin).statusCode()).isEqualTo(404);
    assertThat(h.get("/v1/models/nocolon", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void chatCompletionAnswersInOpenAisShapeWithTheRouteHeaders() {
    HttpResponse<String> r = h.post("/v1/chat/completions", admin,
        "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = object(r);
    assertThat(body).containsEntry("object", "chat.completion").containsEntry("model", "demo:echo");
    @SuppressWarnings("unchecked")
    Map<String, Object> message = (Map<String, Object>) ((List<Map<String, Object>>) body.get("choices")).getFirst()
        .get("message");
    assertThat(message).containsEntry("role", "assistant").containsEntry("content", "Echo: Hello there");
    assertThat(body.get("usage")).isInstanceOf(Map.class);
    var headers = r.headers();
    assertThat(headers.firstValue("x-modelgate-request-id").orElseThrow()).startsWith("req_");
    assertThat(headers.firstValue("x-modelgate-model")).hasValue("demo:echo");
    assertThat(headers.firstValue("x-modelgate-requested-model")).hasValue("demo:echo");
    assertThat(headers.firstValue("x-modelgate-provider")).hasValue("demo");
    assertThat(headers.firstValue("x-modelgate-route")).hasValue("chosen: demo:echo");
    assertThat(headers.firstValue("x-modelgate-cost-usd")).hasValue("0");
  }

  @Test
  void chatStreamsEveryChunkThenUsageWhenAskedThenDone() {
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"demo:echo\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("demo:echo");
    List<String> events = events(r.body());
    assertThat(events.getLast()).isEqualTo("[DONE]");
    assertThat(events.getFirst()).contains("\"role\":\"assistant\"");
    String text = String.join("", events.stream().filter(e -> e.contains("\"content\":\"") && !e.contains("role"))
        .map(e -> e.replaceAll(".*\"content\":\"([^\"]*)\".*", "$1")).toList());
    assertThat(text).isEqualTo("Echo: one two three");
    assertThat(events.get(events.size() - 3)).contains("\"finish_reason\":\"stop\"");
    assertThat(events.get(events.size() - 2)).contains("\"choices\":[]", "\"usage\"");
  }

  @Test
  void chatGoesToTheUpstreamWithItsOwnKeyAndPassesUnknownFieldsThrough() throws Exception {
    h.upstreamRequests.clear();
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o-mini\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\"u-42\",\"seed\":7,"
        + "\"metadata\":{\"trace\":\"abc\"},\"temperature\":0.2}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-provider")).hasValue("openai");
    RecordedRequest upstream = h.upstreamRequests.getLast();
    assertThat(upstream.getTarget()).isEqualTo("/v1/chat/completions");
    assertThat(upstream.getHeaders().get("Authorization")).isEqualTo("Bearer " + Harness.UPSTREAM_KEY);
    String sent = upstream.getBody().utf8();
    assertThat(sent).contains("\"model\":\"gpt-4o-mini\"", "\"user\":\"u-42\"", "\"seed\":7",
        "\"metadata\":{\"trace\":\"abc\"}", "\"temperature\":0.2");
    @SuppressWarnings("unchecked")
    Map<String, Object> usage = (Map<String, Object>) object(r).get("usage");
    assertThat(((Number) usage.get("total_tokens")).longValue()).isPositive();
  }

  @Test
  void toolCallsComeBackInOpenAisShape() {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}}}],"
        + "\"tool_choice\":\"auto\"";
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o-mini\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]," + tools + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"tool_calls\"", "\"type\":\"function\"", "\"finish_reason\":\"tool_calls\"");
    assertThat(h.upstreamRequests.getLast().getBody().utf8()).contains("\"get_weather\"", "\"tool_choice\":\"auto\"");
    HttpResponse<String> streamed = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o-mini\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]," + tools + "}");
    assertThat(events(streamed.body())).anyMatch(e -> e.contains("\"tool_calls\":[{\"index\":0"));
    assertThat(events(streamed.body()).getLast()).isEqualTo("[DONE]");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anN3StreamGivesEveryChoiceItsRoleOnceAndKeepsOpenAisFields() throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o-mini\",\"n\":3,"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> events = events(r.body());
    assertThat(events.getLast()).isEqualTo("[DONE]");
    com.squareup.moshi.JsonAdapter<Map<String, Object>> json = new com.squareup.moshi.Moshi.Builder().build()
        .adapter(com.squareup.moshi.Types.newParameterizedType(Map.class, String.class, Object.class));
    Map<Integer, Integer> roles = new java.util.TreeMap<>();
    Map<Integer, StringBuilder> texts = new java.util.TreeMap<>();
    Map<Integer, String> finishes = new java.util.TreeMap<>();
    Map<String, Object> usage = null;
    for (String event : events.subList(0, events.size() - 1)) {
      Map<String, Object> chunk = json.fromJson(event);
      if (chunk.get("usage") != null) {
        usage = (Map<String, Object>) chunk.get("usage");
      }
      for (Object c : (List<Object>) chunk.get("choices")) {
        Map<String, Object> choice = (Map<String, Object>) c;
        int index = ((Number) choice.get("index")).intValue();
        assertThat(choice).containsKey("logprobs").containsKey("finish_reason");
        Map<String, Object> delta = (Map<String, Object>) choice.get("delta");
        if ("assistant".equals(delta.get("role"))) {
          roles.merge(index, 1, Integer::sum);
        }
        if (delta.get("content") instanceof String text) {
          assertThat(roles).as("role before content of choice " + index).containsKey(index);
          texts.computeIfAbsent(index, i -> new StringBuilder()).append(text);
        }
        if (choice.get("finish_reason") != null) {
          finishes.put(index, (String) choice.get("finish_reason"));
        }
      }
    }
    assertThat(roles).isEqualTo(Map.of(0, 1, 1, 1, 2, 1));
    assertThat(texts.get(0)).hasToString("Hello! How can I help?");
    assertThat(texts.get(1)).hasToString("Hi there!");
    assertThat(texts.get(2)).hasToString("Hey! What's up?");
    assertThat(finishes).isEqualTo(Map.of(0, "stop", 1, "stop", 2, "stop"));
    assertThat(usage).containsEntry("completion_tokens", 15.0)
        .containsKey("completion_tokens_details").containsKey("prompt_tokens_details");
    // The upstream's system_fingerprint is kept from the moment it is known: every chunk after the first.
    assertThat(events.subList(1, events.size() - 1)).allSatisfy(e ->
        assertThat(e).contains("\"system_fingerprint\":\"fp_0705bf87c0\""));
  }

  @Test
  void aWholeAnswerKeepsTheUpstreamsSystemFingerprint() {
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o-mini\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"system_fingerprint\":\"fp_5050236cbd\"");
  }

  @Test
  void aRefusalReachesTheCallerStreamedAndWhole() {
    String request = "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"refuse this\"}]";
    HttpResponse<String> whole = h.post("/v1/chat/completions", admin, request + "}");
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(whole.body()).contains("\"refusal\":\"I'm sorry, I can't help with that.\"");
    HttpResponse<String> streamed = h.post("/v1/chat/completions", admin, request + ",\"stream\":true}");
    assertThat(events(streamed.body())).anyMatch(e -> e.contains("\"delta\":{\"refusal\":\"I'm sorry, I can't help with that.\"}"));
    assertThat(events(streamed.body()).getLast()).isEqualTo("[DONE]");
  }

  @Test
  void aStreamWhoseUpstreamBreaksEndsWithAnErrorEventAndNoDone() {
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4.1-mini\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> events = events(r.body());
    assertThat(events.getLast()).contains("\"error\"", "\"type\":\"upstream_error\"");
    assertThat(events).doesNotContain("[DONE]");
  }

  @Test
  void aRefusedStreamGetsItsStatusNotA200() {
    HttpResponse<String> r = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).hasValue("7");
    assertThat(error(r)).containsEntry("type", "rate_limit_error");
  }

  @Test
  void eachErrorHasItsStatusAndNeverLeaksKeysHostsOrStackTraces() {
    String msg = ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> malformed = h.post("/v1/chat/completions", admin, "{\"model\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    HttpResponse<String> badField = h.post("/v1/chat/completions", admin, "{\"model\":\"demo:echo\",\"temperature\":9"
        + msg);
    assertThat(badField.statusCode()).isEqualTo(400);
    assertThat(error(badField)).containsEntry("param", "temperature");
    HttpResponse<String> badRole = h.post("/v1/chat/completions", admin,
        "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}");
    assertThat(error(badRole)).containsEntry("param", "messages[0].role");
    HttpResponse<String> unknown = h.post("/v1/chat/completions", admin, "{\"model\":\"demo:nope\"" + msg);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).containsEntry("code", "model_not_found");
    HttpResponse<String> pending = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4.1-nano\"" + msg);
    assertThat(pending.statusCode()).isEqualTo(409);
    String big = "x".repeat(70_000);
    HttpResponse<String> tooLarge = h.post("/v1/chat/completions", admin, "{\"model\":\"demo:echo\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    HttpResponse<String> limited = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4o\"" + msg);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    HttpResponse<String> broken = h.post("/v1/chat/completions", admin, "{\"model\":\"openai:gpt-4.1\"" + msg);
    assertThat(broken.statusCode()).isEqualTo(502);
    for (HttpResponse<String> r : List.of(malformed, badField, badRole, unknown, pending, tooLarge, limited, broken)) {
      assertThat(error(r)).containsKeys("message", "type", "code", "param");
      assertThat(r.body()).doesNotContain(Harness.UPSTREAM_KEY, "sk-test", "10.1.2.3", "localhost", "127.0.0.1",
          String.valueOf(h.upstream.getPort()), "Exception", "\tat ", "io.modelgate");
    }
  }

  @Test
  void aDisabledModelWithNoFallbackIs503() {
    HttpResponse<String> add = h.post("/api/admin/ai-clients", admin,
        "{\"id\":\"demo-off\",\"kind\":\"demo\",\"approval_policy\":\"auto-enable\"}");
    assertThat(add.statusCode()).as(add.body()).isEqualTo(201);
    h.post("/api/admin/models/discover", admin, "{\"provider\":\"demo-off\",\"force\":true}");
    h.method("PATCH", "/api/admin/models/demo-off:echo", admin, "{\"status\":\"disabled\"}");
    HttpResponse<String> r = h.post("/v1/chat/completions", admin,
        "{\"model\":\"demo-off:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(error(r)).containsEntry("code", "no_usable_model");
  }

  @Test
  void aDeprecatedModelFallsBackWithDeprecationAndSuccessorLinkHeaders() {
    assertThat(h.post("/api/admin/ai-clients", admin,
        "{\"id\":\"demo-old\",\"kind\":\"demo\",\"approval_policy\":\"auto-enable\"}").statusCode()).isEqualTo(201);
    h.post("/api/admin/models/discover", admin, "{\"provider\":\"demo-old\",\"force\":true}");
    HttpResponse<String> migrated = h.post("/api/admin/models/migrations", admin,
        "{\"from\":\"demo-old:echo\",\"to\":\"demo:echo\",\"reason\":\"moved\",\"automatic\":true}");
    assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(201);
    h.method("PATCH", "/api/admin/models/demo-old:echo", admin, "{\"status\":\"deprecated\"}");
    HttpResponse<String> r = h.post("/v1/chat/completions", admin,
        "{\"model\":\"demo-old:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("demo:echo");
    assertThat(r.headers().firstValue("x-modelgate-requested-model")).hasValue("demo-old:echo");
    assertThat(r.headers().firstValue("x-modelgate-route").orElseThrow()).contains("migration: demo-old:echo -> demo:echo");
    assertThat(r.headers().firstValue("deprecation").orElseThrow()).startsWith("@");
    assertThat(r.headers().firstValue("link")).hasValue("</v1/models/demo:echo>; rel=\"successor-version\"");
    assertThat(data(h.get("/api/admin/models/migrations", admin))).anyMatch(m -> "demo-old:echo".equals(m.get("from")));
    List<Map<String, Object>> audit = data(h.get("/api/admin/audit?limit=500", admin));
    assertThat(audit).anyMatch(e -> "provider.add".equals(e.get("action")) && "demo-old".equals(e.get("target")));
    assertThat(audit).anyMatch(e -> "model.migration".equals(e.get("action"))
        && "demo-old:echo".equals(e.get("target")) && String.valueOf(e.get("after")).contains("\"to\":\"demo:echo\""));
    assertThat(audit).anyMatch(e -> "model.status".equals(e.get("action")) && "demo-old:echo".equals(e.get("target"))
        && "\"deprecated\"".equals(e.get("after")));
  }

  @Test
  void embeddingsAsFloatsOrBase64() {
    HttpResponse<String> r = h.post("/v1/embeddings", admin, "{\"model\":\"demo:embed\",\"input\":[\"a b\",\"c\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(data(r)).hasSize(2);
    assertThat((List<?>) data(r).getFirst().get("embedding")).hasSize(16);
    assertThat(r.headers().firstValue("x-modelgate-cost-usd")).isPresent();
    HttpResponse<String> b64 = h.post("/v1/embeddings", admin,
        "{\"model\":\"demo:embed\",\"input\":\"a b\",\"encoding_format\":\"base64\"}");
    byte[] bytes = java.util.Base64.getDecoder().decode((String) data(b64).getFirst().get("embedding"));
    assertThat(bytes).hasSize(64);
    HttpResponse<String> upstream = h.post("/v1/embeddings", admin,
        "{\"model\":\"openai:text-embedding-3-small\",\"input\":\"hello\"}");
    assertThat(upstream.statusCode()).as(upstream.body()).isEqualTo(200);
    assertThat(upstream.headers().firstValue("x-modelgate-provider")).hasValue("openai");
    assertThat(h.post("/v1/embeddings", admin, "{\"model\":\"demo:embed\",\"input\":[[1,2]]}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void speechStreamsAudio() {
    HttpResponse<byte[]> r;
    try {
      r = h.client.send(h.request("/v1/audio/speech", admin).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo:speak\",\"input\":\"hi there\",\"voice\":\"alloy\"}"))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("audio/");
    assertThat(new String(r.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("demo:speak");
  }

  @Test
  void aClientThatGoesAwayStopsTheUpstreamAndTheCallIsRecordedAsCancelled() throws Exception {
    String prompt = "word ".repeat(400);
    HttpRequest request = h.request("/v1/chat/completions", admin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo:echo\",\"stream\":true,\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"user\":\"disconnect-test\"}")).build();
    HttpResponse<InputStream> r = h.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String requestId = r.headers().firstValue("x-modelgate-request-id").orElseThrow();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      int frames = 0;
      for (String line = reader.readLine(); line != null && frames < 5; line = reader.readLine()) {
        if (line.startsWith("data: ")) {
          frames++;
        }
      }
      assertThat(frames).isEqualTo(5);
    }
    r.body().close();
    long deadline = System.nanoTime() + 5_000_000_000L;
    UsageRecord record = null;
    while (record == null && System.nanoTime() < deadline) {
      record = h.graph.usageLog().find(UsageQuery.ALL).stream().filter(u -> u.requestId().equals(requestId))
          .findFirst().orElse(null);
      Thread.sleep(50);
    }
    assertThat(record).as("usage record of " + requestId).isNotNull();
    assertThat(record.outcome()).isEqualTo(UsageOutcome.CANCELLED);
    assertThat(record.usage().completionTokens()).isLessThan(400);
  }

  // ---- the catalog API ------------------------------------------------------------------------------------------

  @Test
  void aiModelsShowsModelsProvidersAndDefaultWithCaching() {
    HttpResponse<String> r = h.get("/ai/models?category=text", admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = object(r);
    assertThat(body).containsKeys("default_model_id", "models", "providers", "last_updated", "cache_hit");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models = (List<Map<String, Object>>) body.get("models");
    assertThat(models).allMatch(m -> "text".equals(m.get("category")));
    assertThat(models.getFirst()).containsKeys("id", "provider", "source", "node_name", "category", "status",
        "capabilities", "pricing", "metadata");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) body.get("providers");
    assertThat(providers.get("demo")).containsKeys("status", "model_count", "pending_count");
    String etag = r.headers().firstValue("etag").orElseThrow();
    assertThat(h.send(h.request("/ai/models?category=text", admin).header("If-None-Match", etag).GET().build())
        .statusCode()).isEqualTo(304);
    HttpResponse<String> forced = h.get("/ai/models?force=true&provider=demo", admin);
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(object(forced)).containsEntry("cache_hit", false);
    HttpResponse<String> byProvider = h.get("/ai/models?provider=openai", admin);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> openai = (List<Map<String, Object>>) object(byProvider).get("models");
    assertThat(openai).isNotEmpty().allMatch(m -> "openai".equals(m.get("provider")));
  }

  @Test
  void aiChatAndStreamReturnTheRoute() {
    HttpResponse<String> r = h.post("/ai/chat", admin, "{\"prompt\":\"hey\",\"history\":[{\"role\":\"user\","
        + "\"content\":\"before\"},{\"role\":\"assistant\",\"content\":\"ok\"}],\"conversation_id\":\"c-1\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = object(r);
    assertThat(body).containsKeys("id", "model", "route", "message", "usage", "cost_usd")
        .containsEntry("conversation_id", "c-1");
    @SuppressWarnings("unchecked")
    Map<String, Object> route = (Map<String, Object>) body.get("route");
    assertThat(route).containsKeys("source", "steps", "fell_back");
    HttpResponse<String> s = h.post("/ai/stream", admin, "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"streamed\"}]}");
    assertThat(s.statusCode()).isEqualTo(200);
    assertThat(s.headers().firstValue("x-modelgate-model")).hasValue("demo:echo");
    List<String> events = events(s.body());
    assertThat(events.getFirst()).contains("\"type\":\"route\"", "\"model\":\"demo:echo\"");
    assertThat(events).anyMatch(e -> e.contains("\"type\":\"delta\""));
    assertThat(events.get(events.size() - 2)).contains("\"type\":\"done\"");
    assertThat(events.getLast()).isEqualTo("[DONE]");
    assertThat(h.post("/ai/chat", admin, "{}").statusCode()).isEqualTo(400);
  }

  // ---- admin ----------------------------------------------------------------------------------------------------

  @Test
  void discoveryInsideTheIntervalIs429WithTheTimeLeftUnlessForced() {
    HttpResponse<String> soon = h.post("/api/admin/models/discover", admin, "{\"provider\":\"openai\"}");
    assertThat(soon.statusCode()).as(soon.body()).isEqualTo(429);
    assertThat(soon.headers().firstValue("retry-after")).isPresent();
    HttpResponse<String> forced = h.post("/api/admin/models/discover", admin,
        "{\"provider\":\"openai\",\"category\":\"text\",\"force\":true}");
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(object(forced)).containsKeys("ok", "providers");
  }

  @Test
  void adminManagesTheCatalog() {
    HttpResponse<String> list = h.get("/api/admin/models?provider=openai&status=pending", admin);
    assertThat(data(list)).isNotEmpty().allMatch(m -> "pending".equals(m.get("status")));
    assertThat(data(h.get("/api/admin/models?q=embed", admin))).isNotEmpty();
    HttpResponse<String> one = h.get("/api/admin/models/demo:echo", admin);
    assertThat(data(one).getFirst()).containsKeys("id", "kind", "discovered_at", "capabilities");
    HttpResponse<String> notes = h.method("PATCH", "/api/admin/models/demo:echo", admin, "{\"admin_notes\":\"ok\"}");
    assertThat(data(notes).getFirst()).containsEntry("admin_notes", "ok");
    HttpResponse<String> bad = h.method("PATCH", "/api/admin/models/demo:echo", admin, "{\"status\":\"pending\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> bulk = h.post("/api/admin/models/bulk-update", admin,
        "{\"model_ids\":[\"openai:gpt-4.1-nano\",\"openai:nothing\"],\"status\":\"disabled\"}");
    assertThat(object(bulk).get("updated")).isEqualTo(List.of("openai:gpt-4.1-nano"));
    assertThat(String.valueOf(object(bulk).get("failed"))).contains("openai:nothing");
    HttpResponse<String> setDefault = h.post("/api/admin/models/set-default", admin,
        "{\"provider\":\"openai\",\"category\":\"text\",\"model_id\":\"openai:gpt-4o-mini\"}");
    assertThat(setDefault.statusCode()).as(setDefault.body()).isEqualTo(200);
    HttpResponse<String> clients = h.get("/api/admin/ai-clients", admin);
    assertThat(data(clients)).anyMatch(c -> "openai".equals(c.get("id")) && Boolean.TRUE.equals(c.get("has_key"))
        && "openai:gpt-4o-mini".equals(((Map<?, ?>) c.get("default_models")).get("text")));
    assertThat(clients.body()).doesNotContain(Harness.UPSTREAM_KEY);
    assertThat(data(h.get("/api/admin/ai-clients/demo/models", admin))).hasSize(3);
  }

  @Test
  void providersKeepTheirKeyInTheVaultAndCanBeChangedAndRemoved() {
    HttpResponse<String> created = h.post("/api/admin/providers", admin, "{\"id\":\"vllm-box\","
        + "\"kind\":\"openai-compatible\",\"name\":\"GPU box\",\"base_url\":\"http://10.0.0.9:8000/v1\","
        + "\"key\":\"sk-box-secret-abcdef123456\",\"options\":{\"preset\":\"vllm\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(object(created)).containsEntry("has_key", true).containsEntry("name", "GPU box");
    assertThat(created.body()).doesNotContain("sk-box-secret");
    HttpResponse<String> patched = h.method("PATCH", "/api/admin/providers/vllm-box", admin, "{\"enabled\":false}");
    assertThat(object(patched)).containsEntry("enabled", false);
    assertThat(h.post("/api/admin/providers", admin, "{\"id\":\"vllm-box\",\"kind\":\"demo\"}").statusCode())
        .isEqualTo(400);
    assertThat(h.method("DELETE", "/api/admin/providers/vllm-box", admin, null).statusCode()).isEqualTo(204);
    assertThat(h.get("/api/admin/providers/vllm-box", admin).statusCode()).isEqualTo(404);
  }

  @Test
  void usageAliasesAndAudit() {
    HttpResponse<String> alias = h.method("PUT", "/api/admin/aliases/fast", admin,
        "{\"models\":[\"demo:echo\"],\"defaults\":{\"temperature\":0.1}}");
    assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
    assertThat(object(h.get("/api/admin/aliases/fast", admin))).containsEntry("models", List.of("demo:echo"));
    HttpResponse<String> viaAlias = h.post("/v1/chat/completions", admin,
        "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(viaAlias.statusCode()).isEqualTo(200);
    assertThat(viaAlias.headers().firstValue("x-modelgate-route").orElseThrow()).contains("alias: fast -> demo:echo");
    assertThat(data(h.get("/api/admin/aliases", admin))).anyMatch(a -> "fast".equals(a.get("name")));
    assertThat(h.method("DELETE", "/api/admin/aliases/fast", admin, null).statusCode()).isEqualTo(204);
    assertThat(h.get("/api/admin/aliases/fast", admin).statusCode()).isEqualTo(404);

    HttpResponse<String> usage = h.get("/api/admin/usage?group_by=model", admin);
    assertThat(usage.statusCode()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> totals = (List<Map<String, Object>>) object(usage).get("totals");
    assertThat(totals).anyMatch(t -> "demo:echo".equals(t.get("key")));
    assertThat(h.get("/api/admin/usage?group_by=user&from=2020-01-01&to=2100-01-01", admin).statusCode())
        .isEqualTo(200);
    assertThat(h.get("/api/admin/usage?group_by=planet", admin).statusCode()).isEqualTo(400);
    HttpResponse<String> audit = h.get("/api/admin/audit?limit=50", admin);
    assertThat(data(audit)).anyMatch(e -> "alias.save".equals(e.get("action")));
    assertThat(audit.body()).doesNotContain(admin);
  }

  // ---- tenants --------------------------------------------------------------------------------------------------

  @Test
  void anOrgsAllowedModelsLimitWhatItsMembersSeeAndUse() {
    HttpResponse<String> org = h.post("/api/admin/orgs", admin, "{\"name\":\"Team Demo\"}");
    assertThat(org.statusCode()).isEqualTo(201);
    String orgId = (String) object(org).get("id");
    HttpResponse<String> allowed = h.method("PUT", "/api/admin/orgs/" + orgId + "/allowed-models", admin,
        "{\"allowed_models\":[\"demo:*\"]}");
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    assertThat(data(h.get("/api/admin/orgs", admin))).anyMatch(o -> orgId.equals(o.get("id")));
    String member = h.member("dora", orgId);
    List<Map<String, Object>> models = data(h.get("/v1/models", member));
    assertThat(models).isNotEmpty().allMatch(m -> ((String) m.get("id")).startsWith("demo"));
    HttpResponse<String> denied = h.post("/v1/chat/completions", member,
        "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(h.post("/v1/chat/completions", member,
        "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
  }

  @Test
  void aUserNeverSeesAnotherUsersKeysConfigsOrPrivateNodes() {
    String alice = h.member("alice", null);
    String bob = h.member("bob", null);
    String aliceId = h.userId(alice);
    HttpResponse<String> key = h.post("/api/ai/api-keys", alice,
        "{\"provider\":\"openai\",\"key\":\"sk-alice-own-key-1234567890\"}");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    assertThat(key.body()).doesNotContain("sk-alice-own-key-1234567890");
    assertThat(data(h.get("/api/ai/api-keys", alice))).singleElement()
        .satisfies(k -> assertThat((String) k.get("masked")).contains("****"));
    assertThat(data(h.get("/api/ai/api-keys", bob))).isEmpty();
    HttpResponse<String> config = h.post("/api/ai/provider-configs", alice,
        "{\"provider\":\"demo\",\"default_model\":\"demo:echo\",\"temperature\":0.3,\"is_default\":true}");
    assertThat(config.statusCode()).as(config.body()).isEqualTo(201);
    assertThat(data(h.get("/api/ai/provider-configs", alice))).hasSize(1);
    assertThat(data(h.get("/api/ai/provider-configs", bob))).isEmpty();

    HttpResponse<String> node = h.post("/api/admin/ai-clients", admin, "{\"id\":\"alice-mac\",\"kind\":\"demo\","
        + "\"owner\":\"" + aliceId + "\",\"visibility\":\"private\",\"approval_policy\":\"auto-enable\"}");
    assertThat(node.statusCode()).as(node.body()).isEqualTo(201);
    h.post("/api/admin/models/discover", admin, "{\"provider\":\"alice-mac\",\"force\":true}");
    assertThat(data(h.get("/v1/models", alice))).anyMatch(m -> "alice-mac:echo".equals(m.get("id")));
    assertThat(data(h.get("/v1/models", bob))).noneMatch(m -> ((String) m.get("id")).startsWith("alice-mac"));
    assertThat(h.post("/v1/chat/completions", bob, "{\"model\":\"alice-mac:echo\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(404);
    assertThat(h.post("/v1/chat/completions", alice, "{\"model\":\"alice-mac:echo\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
    assertThat(h.post("/api/ai/api-keys", bob, "{\"provider\":\"alice-mac\",\"key\":\"sk-x-1234567890\"}")
        .statusCode()).isEqualTo(400);
    assertThat(h.get("/api/admin/usage", bob).statusCode()).isEqualTo(403);
    assertThat(h.method("DELETE", "/api/ai/api-keys/openai", bob, null).statusCode()).isEqualTo(404);
    assertThat(h.method("DELETE", "/api/ai/api-keys/openai", alice, null).statusCode()).isEqualTo(204);
  }

  @Test
  void preferencesAreTheCallersOwn() {
    String carol = h.member("carol", null);
    HttpResponse<String> put = h.method("PUT", "/api/users/me/preferences", carol,
        "{\"default_models\":{\"text\":\"demo:echo\"}}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(object(h.get("/api/users/me/preferences", carol)))
        .isEqualTo(Map.of("default_models", Map.of("text", "demo:echo")));
    HttpResponse<String> chat = h.post("/v1/chat/completions", carol,
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(chat.headers().firstValue("x-modelgate-route").orElseThrow()).contains("user-preference");
    assertThat(h.method("PUT", "/api/users/me/preferences", carol,
        "{\"default_models\":{\"text\":\"openai:gpt-4.1-nano\"}}").statusCode()).isEqualTo(404);
    assertThat(object(h.get("/api/users/me", carol))).containsEntry("name", "carol").containsEntry("role", "member");
  }

  // ---- CORS -----------------------------------------------------------------------------------------------------

  @Test
  void corsAnswersOnlyTheListedOrigins() {
    HttpResponse<String> preflight = h.send(h.request("/v1/models", null).header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
    assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow()).contains("Authorization");
    HttpResponse<String> allowed = h.send(h.request("/v1/models", admin).header("Origin", "https://app.example")
        .GET().build());
    assertThat(allowed.headers().firstValue("access-control-expose-headers").orElseThrow())
        .contains("x-modelgate-model", "x-ratelimit-remaining-requests-per-day", "x-ratelimit-reset-usd-per-month");
    HttpResponse<String> other = h.send(h.request("/v1/models", admin).header("Origin", "https://evil.example")
        .GET().build());
    assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
    // A preflight from an origin not listed is refused with a whole answer (a status with an empty body, not a 204).
    HttpResponse<String> refused = h.send(h.request("/v1/models", null).header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "GET").timeout(Duration.ofSeconds(10))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEmpty();
  }
}
