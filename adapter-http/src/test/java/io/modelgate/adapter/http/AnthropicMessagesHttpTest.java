package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Anthropic Messages API against the running service: a Claude-Code-shaped request served from an Anthropic
 * target with every block and usage field intact, the same request translated for an OpenAI target, the exact
 * event sequence, Anthropic's error shape, count_tokens and the models list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicMessagesHttpTest {
  /** Claude Code's shape: system blocks with cache_control, tools, signed thinking in the history, streaming. */
  private static final String CLAUDE_CODE = """
      {"model":"%s","max_tokens":32000,"stream":%s,"temperature":1,"top_k":40,
       "metadata":{"user_id":"user_abc_session_1"},
       "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}},
                 {"type":"text","text":"Work in /repo."}],
       "thinking":{"type":"enabled","budget_tokens":1024},
       "tools":[
         {"name":"Bash","description":"Run a command","input_schema":{"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}},
         {"name":"Read","description":"Read a file","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}},
         {"name":"Grep","description":"Search","input_schema":{"type":"object","properties":{"pattern":{"type":"string"}}},"cache_control":{"type":"ephemeral"}}],
       "messages":[
         {"role":"user","content":[{"type":"text","text":"List the files","cache_control":{"type":"ephemeral"}}]},
         {"role":"assistant","content":[{"type":"thinking","thinking":"Earlier thought.","signature":"SIG_EARLIER_123"},
           {"type":"tool_use","id":"toolu_prev","name":"Bash","input":{"command":"pwd"}}]},
         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_prev","content":"/repo"},
           {"type":"text","text":"%s"}]}]}""";

  private Harness h;

  @BeforeAll
  void start() throws Exception {
    h = new Harness(Map.of("ANTHROPIC_API_KEY", "sk-ant-test-upstream-secret-123456",
        "ANTHROPIC_BASE_URL", "{upstream}/anthropic"));
    h.enable("anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> messages(String path, String body) {
    return h.send(h.request(path, null).header("x-api-key", h.adminKey).header("anthropic-version", "2023-06-01")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private RecordedRequest lastUpstream(String pathPart) {
    List<RecordedRequest> seen = new ArrayList<>(h.upstreamRequests);
    for (int i = seen.size() - 1; i >= 0; i--) {
      if (seen.get(i).getTarget().contains(pathPart)) {
        return seen.get(i);
      }
    }
    throw new AssertionError("no upstream request to " + pathPart);
  }

  /** The (event name, data) pairs of an Anthropic stream. */
  private static List<String[]> namedEvents(String body) {
    List<String[]> out = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      String name = null;
      String data = null;
      for (String line : frame.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (name != null) {
        out.add(new String[] {name, data});
      }
    }
    return out;
  }

  @Test
  void aClaudeCodeStreamFromAnAnthropicTargetKeepsEveryBlockAndUsageField() throws Exception {
    HttpResponse<String> r = messages("/v1/messages",
        CLAUDE_CODE.formatted("anthropic:claude-sonnet-4-5", true, "go on"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("text/event-stream"));
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("anthropic:claude-sonnet-4-5");
    assertThat(r.headers().firstValue("x-modelgate-provider")).hasValue("anthropic");

    // The upstream got the client's body: cache_control, signed thinking, top_k, metadata, the served model.
    RecordedRequest up = lastUpstream("/anthropic/v1/messages");
    String sent = up.getBody().utf8();
    assertThat(up.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test-upstream-secret-123456");
    assertThat(sent).contains("\"model\":\"claude-sonnet-4-5\"", "\"stream\":true",
        "{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\"}}",
        "\"signature\":\"SIG_EARLIER_123\"", "\"top_k\":40", "\"user_id\":\"user_abc_session_1\"",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}", "\"max_tokens\":32000")
        .doesNotContain("anthropic:claude");

    List<String[]> events = namedEvents(r.body());
    assertThat(events.stream().map(e -> e[0]).toList()).containsExactly(
        "message_start", "ping",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop");
    assertThat(events.get(0)[1]).contains("\"input_tokens\":12", "\"cache_creation_input_tokens\":2048",
        "\"cache_read_input_tokens\":30000");
    assertThat(events.get(2)[1]).contains("\"index\":0", "\"type\":\"thinking\"");
    assertThat(events.get(3)[1]).contains("\"thinking_delta\"", "The user wants the file listed.");
    assertThat(events.get(4)[1]).contains("{\"type\":\"signature_delta\",\"signature\":\"EqQBCkgIARABGAIiQL2sig==\"}");
    assertThat(events.get(7)[1]).contains("\"index\":1", "{\"type\":\"text_delta\",\"text\":\"Let me look.\"}");
    assertThat(events.get(9)[1]).contains("\"index\":2", "\"type\":\"tool_use\"", "\"id\":\"toolu_01Bash\"",
        "\"name\":\"Bash\"");
    assertThat(events.get(10)[1] + events.get(11)[1]).contains("input_json_delta");
    assertThat(events.get(13)[1]).contains("\"stop_reason\":\"tool_use\"", "\"input_tokens\":12",
        "\"output_tokens\":57", "\"cache_creation_input_tokens\":2048", "\"cache_read_input_tokens\":30000");
    assertThat(r.body()).doesNotContain("[DONE]");
  }

  @Test
  void thinkingAnotherProviderProducedIsLeftOutWhenTheConversationMovesToAnAnthropicTarget() {
    // The second turn was served by an OpenAI model: its thinking block came back unsigned ("signature":"").
    String body = """
        {"model":"anthropic:claude-sonnet-4-5","max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":1024},
         "tools":[{"name":"Bash","input_schema":{"type":"object"}}],
         "messages":[{"role":"user","content":"List the files"},
          {"role":"assistant","content":[
            {"type":"thinking","thinking":"Earlier thought.","signature":"SIG_EARLIER_123"},
            {"type":"tool_use","id":"toolu_prev","name":"Bash","input":{"command":"pwd"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_prev","content":"/repo"}]},
          {"role":"assistant","content":[
            {"type":"thinking","thinking":"Thought at another provider.","signature":""},
            {"type":"tool_use","id":"call_gpt","name":"Bash","input":{"command":"ls"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_gpt","content":"a b"}]}]}""";
    HttpResponse<String> r = messages("/v1/messages", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String sent = lastUpstream("/anthropic/v1/messages").getBody().utf8();
    assertThat(sent).contains(
        "{\"type\":\"thinking\",\"thinking\":\"Earlier thought.\",\"signature\":\"SIG_EARLIER_123\"}",
        "{\"type\":\"tool_use\",\"id\":\"call_gpt\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}")
        .doesNotContain("Thought at another provider.", "\"signature\":\"\"", "\"budget_tokens\"");
  }

  @Test
  void theSameRequestToAnOpenAiTargetIsTranslated() throws Exception {
    HttpResponse<String> r = messages("/anthropic/v1/messages",
        CLAUDE_CODE.formatted("openai:gpt-4o-mini", true, "go on"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-provider")).hasValue("openai");
    String sent = lastUpstream("/chat/completions").getBody().utf8();
    assertThat(sent).contains("\"model\":\"gpt-4o-mini\"", "You are Claude Code.\\n\\nWork in /repo.",
        "\"tool_call_id\":\"toolu_prev\"", "\"name\":\"Grep\"", "\"user\":\"user_abc_session_1\"")
        .doesNotContain("cache_control", "SIG_EARLIER_123", "top_k");
    List<String> names = namedEvents(r.body()).stream().map(e -> e[0]).toList();
    assertThat(names.getFirst()).isEqualTo("message_start");
    assertThat(names).contains("content_block_start", "content_block_delta", "content_block_stop");
    assertThat(names.subList(names.size() - 2, names.size())).containsExactly("message_delta", "message_stop");
    assertThat(r.body()).contains("\"type\":\"tool_use\"", "input_json_delta", "\"stop_reason\":\"tool_use\"")
        .doesNotContain("[DONE]");
  }

  @Test
  void aWholeMessageHasTheSignedThinkingTheTextTheToolCallAndTheCacheUsage() {
    HttpResponse<String> r = messages("/v1/messages",
        CLAUDE_CODE.formatted("anthropic:claude-sonnet-4-5", false, "go on"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> message = Harness.object(r);
    assertThat(message).containsEntry("type", "message").containsEntry("role", "assistant")
        .containsEntry("stop_reason", "tool_use").containsEntry("model", "anthropic:claude-sonnet-4-5");
    assertThat((String) message.get("id")).startsWith("msg_");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> content = (List<Map<String, Object>>) message.get("content");
    assertThat(content).hasSize(3);
    assertThat(content.get(0)).containsEntry("type", "thinking")
        .containsEntry("thinking", "The user wants the file listed.")
        .containsEntry("signature", "EqQBCkgIARABGAIiQL2sig==");
    assertThat(content.get(1)).containsEntry("type", "text").containsEntry("text", "Let me look.");
    assertThat(content.get(2)).containsEntry("type", "tool_use").containsEntry("id", "toolu_01Bash")
        .containsEntry("input", Map.of("command", "ls -la"));
    assertThat(message.get("usage")).isEqualTo(Map.of("input_tokens", 12.0, "output_tokens", 57.0,
        "cache_creation_input_tokens", 2048.0, "cache_read_input_tokens", 30000.0));
  }

  @Test
  void aStreamBrokenMidWayEndsWithAnErrorEventNeverAMessageStop() {
    HttpResponse<String> r = messages("/v1/messages",
        CLAUDE_CODE.formatted("anthropic:claude-sonnet-4-5", true, "break off"));
    assertThat(r.statusCode()).isEqualTo(200);
    List<String[]> events = namedEvents(r.body());
    assertThat(events.getLast()[0]).isEqualTo("error");
    assertThat(events.getLast()[1]).contains("\"type\":\"error\"", "\"error\":{\"type\":\"api_error\"");
    assertThat(events.stream().map(e -> e[0])).doesNotContain("message_stop", "message_delta");
  }

  @Test
  void errorsTakeAnthropicsShape() {
    HttpResponse<String> noMax = messages("/v1/messages",
        "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(noMax.statusCode()).isEqualTo(400);
    assertThat(Harness.object(noMax)).containsEntry("type", "error")
        .containsEntry("error", Map.of("type", "invalid_request_error", "message", "'max_tokens' is required"));
    HttpResponse<String> unknown = messages("/v1/messages",
        "{\"model\":\"demo:nope\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"type\":\"not_found_error\"");
    HttpResponse<String> badRole = messages("/v1/messages",
        "{\"model\":\"demo:echo\",\"max_tokens\":10,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}");
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(badRole.body()).contains("messages[0].role");
    HttpResponse<String> noKey = h.post("/v1/messages", null, "{}");
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.body()).contains("\"type\":\"authentication_error\"");
  }

  @Test
  void aPlainTextReplyFromTheDemoProvider() {
    HttpResponse<String> r = messages("/v1/messages", """
        {"model":"demo:echo","max_tokens":100,"system":"be brief",
         "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("{\"type\":\"text\",\"text\":\"Echo: Hello\"}", "\"stop_reason\":\"end_turn\"");
    assertThat(r.headers().firstValue("x-modelgate-request-id")).isPresent();
  }

  @Test
  void countTokensAndTheModelsListAnswerAnthropicClients() {
    HttpResponse<String> count = messages("/v1/messages/count_tokens", """
        {"model":"demo:echo","system":"You are terse.","messages":[{"role":"user","content":"How many tokens is this?"}]}""");
    assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
    assertThat(((Number) Harness.object(count).get("input_tokens")).longValue()).isGreaterThan(5);
    HttpResponse<String> models = h.send(h.request("/anthropic/v1/models", null).header("x-api-key", h.adminKey)
        .GET().build());
    assertThat(models.statusCode()).isEqualTo(200);
    Map<String, Object> page = Harness.object(models);
    assertThat(page).containsEntry("has_more", false).containsKey("first_id");
    assertThat(Harness.data(models)).anySatisfy(m -> assertThat(m).containsEntry("id", "anthropic:claude-sonnet-4-5")
        .containsEntry("type", "model").containsKey("display_name").containsKey("created_at"));
  }
}
