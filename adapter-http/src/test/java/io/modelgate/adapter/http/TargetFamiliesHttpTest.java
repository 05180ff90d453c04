package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every inbound protocol (Anthropic Messages, Responses, Ollama, OpenAI chat completions) against a Gemini-family and
 * an Ollama-family target, each a fake upstream serving its own wire format from the shared fixtures: a text reply
 * whole and streamed, a tool call, and the tool result sent back in the target's own shape; then the official npm
 * clients (Anthropic SDK, OpenAI SDK, ollama) against both families.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetFamiliesHttpTest {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
  /**
   * A Gemini function call, shaped per https://ai.google.dev/gemini-api/docs/function-calling (no recorded
   * function-call stream is in the fixtures).
   */
  private static final String GEMINI_TOOL_CALL = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":"
      + "{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
      + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":50,\"candidatesTokenCount\":15,"
      + "\"totalTokenCount\":65},\"modelVersion\":\"gemini-2.0-flash\"}\n\n";

  private static final String THINKING_GEMINI = "gemini-3.1-pro-preview";
  /** A thinking model's reply with includeThoughts: a thought part, then the answer (shape per the Gemini docs). */
  private static final String GEMINI_THOUGHTS = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
      + "\"The user wants a capital.\",\"thought\":true}],\"role\":\"model\"}}],\"usageMetadata\":"
      + "{\"promptTokenCount\":9,\"thoughtsTokenCount\":6,\"totalTokenCount\":15}}\n\n"
      + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Cheyenne.\"}],\"role\":\"model\"},"
      + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":2,"
      + "\"thoughtsTokenCount\":6,\"totalTokenCount\":17}}\n\n";
  /** An Ollama reply with think: true (shape per Ollama's API docs): thinking lines, then content. */
  private static final String OLLAMA_THINKING = """
      {"model":"llama3.2","created_at":"2025-07-07T20:22:19Z","message":{"role":"assistant","content":"","thinking":"The user wants a capital."},"done":false}
      {"model":"llama3.2","created_at":"2025-07-07T20:22:20Z","message":{"role":"assistant","content":"Cheyenne."},"done":false}
      {"model":"llama3.2","created_at":"2025-07-07T20:22:21Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"prompt_eval_count":9,"eval_count":8}
      """;

  private Harness h;

  /** A target family: the catalog id served, its text reply, and the tool call it answers with. */
  enum Target {
    GEMINI("gemini:gemini-2.0-flash", "gemini/streamGenerateContent_alt_sse_short.sse", Map.of("city", "Paris")),
    OLLAMA("ollama:llama3.2:latest", "ollama/api_chat_stream_transcript.ndjson", toolArguments());

    final String model;
    final String fixture;
    final Map<String, Object> toolArguments;

    Target(String model, String fixture, Map<String, Object> toolArguments) {
      this.model = model;
      this.fixture = fixture;
      this.toolArguments = toolArguments;
    }

    /** The reply's text as the fixture spells it, piece by piece. */
    @SuppressWarnings("unchecked")
    String text() throws IOException {
      StringBuilder out = new StringBuilder();
      for (String line : Fixtures.read(fixture).split("\n")) {
        if (this == GEMINI && line.startsWith("data: ")) {
          Map<String, Object> chunk = (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(line.substring(6));
          Map<String, Object> candidate = ((List<Map<String, Object>>) chunk.get("candidates")).getFirst();
          for (Map<String, Object> part : (List<Map<String, Object>>) ((Map<String, Object>) candidate.get("content"))
              .get("parts")) {
            out.append(part.get("text"));
          }
        } else if (this == OLLAMA && !line.isBlank()) {
          Map<String, Object> chunk = (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(line);
          out.append(((Map<String, Object>) chunk.get("message")).get("content"));
        }
      }
      return out.toString();
    }

    /** What the upstream's tool-result turn must hold, in the target's own shape. */
    String toolResultShape() {
      return this == GEMINI ? "\"name\":\"get_weather\",\"response\":{\"result\":\"sunny\"}" : "\"role\":\"tool\"";
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toolArguments() {
    try {
      String first = Fixtures.read("ollama/api_chat_tools_stream_transcript.ndjson").split("\n")[0];
      Map<String, Object> chunk = (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(first);
      Map<String, Object> call = ((List<Map<String, Object>>) ((Map<String, Object>) chunk.get("message"))
          .get("tool_calls")).getFirst();
      return (Map<String, Object>) ((Map<String, Object>) call.get("function")).get("arguments");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What a client got back, whatever its protocol: the text, and the first tool call's name and arguments. */
  record Reply(String text, String toolName, Map<String, Object> toolArguments) {}

  /** An inbound protocol: how its requests look and how its replies are read. */
  enum Inbound {
    ANTHROPIC("/v1/messages"),
    RESPONSES("/v1/responses"),
    OLLAMA("/ollama/api/chat"),
    OPENAI_CHAT("/v1/chat/completions");

    final String path;

    Inbound(String path) {
      this.path = path;
    }

    String text(String model, boolean stream) {
      String prompt = "What is the capital of Wyoming?";
      return switch (this) {
        case ANTHROPIC -> "{\"model\":\"" + model + "\",\"max_tokens\":1000,\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        case RESPONSES -> "{\"model\":\"" + model + "\",\"store\":false,\"stream\":" + stream
            + ",\"input\":\"" + prompt + "\"}";
        case OLLAMA, OPENAI_CHAT -> "{\"model\":\"" + model + "\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
      };
    }

    String tools() {
      return switch (this) {
        case ANTHROPIC -> "[{\"name\":\"get_weather\",\"input_schema\":" + WEATHER_SCHEMA + "}]";
        case RESPONSES -> "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":" + WEATHER_SCHEMA + "}]";
        case OLLAMA, OPENAI_CHAT ->
            "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":" + WEATHER_SCHEMA + "}}]";
      };
    }

    String toolCall(String model, boolean stream) {
      String text = text(model, stream);
      return text.substring(0, text.length() - 1) + ",\"tools\":" + tools() + "}";
    }

    /** A second turn: the call the model made and its result, in this protocol's shape. */
    String toolResult(String model) {
      String user = "{\"role\":\"user\",\"content\":\"weather in Paris?\"}";
      String turns = switch (this) {
        case ANTHROPIC -> "\"max_tokens\":1000,\"messages\":[" + user + ",{\"role\":\"assistant\",\"content\":["
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
            + "\"content\":\"sunny\"}]}]";
        case RESPONSES -> "\"store\":false,\"input\":[" + user + ",{\"type\":\"function_call\",\"call_id\":\"call_1\","
            + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"sunny\"}]";
        case OLLAMA -> "\"stream\":false,\"messages\":[" + user + ",{\"role\":\"assistant\",\"content\":\"\","
            + "\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]},"
            + "{\"role\":\"tool\",\"tool_name\":\"get_weather\",\"content\":\"sunny\"}]";
        case OPENAI_CHAT -> "\"messages\":[" + user + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
            + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}]";
      };
      return "{\"model\":\"" + model + "\"," + turns + ",\"tools\":" + tools() + "}";
    }

    @SuppressWarnings("unchecked")
    Reply read(String body, boolean stream) throws IOException {
      StringBuilder text = new StringBuilder();
      String[] tool = {null, ""};
      if (!stream) {
        Map<String, Object> o = (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(body);
        switch (this) {
          case ANTHROPIC -> {
            for (Map<String, Object> block : (List<Map<String, Object>>) o.get("content")) {
              if ("text".equals(block.get("type"))) {
                text.append(block.get("text"));
              } else if ("tool_use".equals(block.get("type"))) {
                return new Reply(text.toString(), (String) block.get("name"), (Map<String, Object>) block.get("input"));
              }
            }
          }
          case RESPONSES -> {
            Reply r = responseOutput(o);
            if (r != null) {
              return r;
            }
            text.append(responseText(o));
          }
          case OLLAMA -> {
            Reply r = ollamaLine(o, text);
            if (r != null) {
              return r;
            }
          }
          case OPENAI_CHAT -> {
            Map<String, Object> message = (Map<String, Object>) ((List<Map<String, Object>>) o.get("choices"))
                .getFirst().get("message");
            List<Map<String, Object>> calls = (List<Map<String, Object>>) message.get("tool_calls");
            if (calls != null) {
              Map<String, Object> f = (Map<String, Object>) calls.getFirst().get("function");
              return new Reply("", (String) f.get("name"), args((String) f.get("arguments")));
            }
            text.append(message.get("content"));
          }
        }
        return new Reply(text.toString(), null, null);
      }
      for (String data : dataLines(body)) {
        Map<String, Object> o = (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(data);
        switch (this) {
          case ANTHROPIC -> {
            Map<String, Object> delta = (Map<String, Object>) o.get("delta");
            Map<String, Object> start = (Map<String, Object>) o.get("content_block");
            if (start != null && "tool_use".equals(start.get("type"))) {
              tool[0] = (String) start.get("name");
            } else if (delta != null && "text_delta".equals(delta.get("type"))) {
              text.append(delta.get("text"));
            } else if (delta != null && "input_json_delta".equals(delta.get("type"))) {
              tool[1] += delta.get("partial_json");
            }
          }
          case RESPONSES -> {
            if ("response.output_text.delta".equals(o.get("type"))) {
              text.append(o.get("delta"));
            } else if ("response.completed".equals(o.get("type"))) {
              Map<String, Object> response = (Map<String, Object>) o.get("response");
              assertThat(responseText(response)).isEqualTo(text.toString());
              Reply r = responseOutput(response);
              if (r != null) {
                return r;
              }
            }
          }
          case OLLAMA -> {
            Reply r = ollamaLine(o, text);
            if (r != null) {
              return r;
            }
          }
          case OPENAI_CHAT -> {
            List<Map<String, Object>> choices = (List<Map<String, Object>>) o.get("choices");
            if (choices == null || choices.isEmpty()) {
              continue;
            }
            Map<String, Object> delta = (Map<String, Object>) choices.getFirst().get("delta");
            if (delta.get("content") != null) {
              text.append(delta.get("content"));
            }
            for (Map<String, Object> call : (List<Map<String, Object>>) delta.getOrDefault("tool_calls", List.of())) {
              Map<String, Object> f = (Map<String, Object>) call.get("function");
              if (f.get("name") != null) {
                tool[0] = (String) f.get("name");
              }
              tool[1] += f.getOrDefault("arguments", "");
            }
          }
        }
      }
      return new Reply(text.toString(), tool[0], tool[0] == null ? null : args(tool[1]));
    }

    /** The {@code data:} payloads of an SSE body, or the lines of an NDJSON body. */
    private List<String> dataLines(String body) {
      List<String> out = new ArrayList<>();
      for (String line : body.split("\n")) {
        if (this == OLLAMA ? !line.isBlank() : line.startsWith("data: ") && !line.equals("data: [DONE]")) {
          out.add(this == OLLAMA ? line : line.substring(6));
        }
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private static Reply ollamaLine(Map<String, Object> line, StringBuilder text) {
      Map<String, Object> message = (Map<String, Object>) line.get("message");
      if (message == null) {
        throw new AssertionError("not an Ollama chat line: " + line);
      }
      text.append(message.getOrDefault("content", ""));
      List<Map<String, Object>> calls = (List<Map<String, Object>>) message.get("tool_calls");
      if (calls == null || calls.isEmpty()) {
        return null;
      }
      Map<String, Object> f = (Map<String, Object>) calls.getFirst().get("function");
      return new Reply(text.toString(), (String) f.get("name"), (Map<String, Object>) f.get("arguments"));
    }

    @SuppressWarnings("unchecked")
    private static Reply responseOutput(Map<String, Object> response) throws IOException {
      for (Map<String, Object> item : (List<Map<String, Object>>) response.get("output")) {
        if ("function_call".equals(item.get("type"))) {
          assertThat((String) item.get("call_id")).isNotBlank();
          return new Reply("", (String) item.get("name"), args((String) item.get("arguments")));
        }
      }
      return null;
    }

    @SuppressWarnings("unchecked")
    private static String responseText(Map<String, Object> response) {
      StringBuilder text = new StringBuilder();
      for (Map<String, Object> item : (List<Map<String, Object>>) response.get("output")) {
        if ("message".equals(item.get("type"))) {
          for (Map<String, Object> part : (List<Map<String, Object>>) item.get("content")) {
            text.append(part.get("text"));
          }
        }
      }
      return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> args(String json) throws IOException {
      return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(json);
    }
  }

  @BeforeAll
  void start() throws Exception {
    h = new Harness(Map.of(
        "GEMINI_API_KEY", "gemini-test-upstream-secret-123456",
        "GEMINI_BASE_URL", "{upstream}/gemini",
        "OLLAMA_URL", "{upstream}/ollama-node"), new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return upstream(request);
          }
        });
    h.enable(Target.GEMINI.model, Target.OLLAMA.model, "gemini:" + THINKING_GEMINI, "openai:gpt-4o-mini");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  /** The fake upstreams: Gemini under /gemini, an Ollama node under /ollama-node, else the harness's OpenAI. */
  private static MockResponse upstream(RecordedRequest request) {
    String target = request.getTarget();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (target.startsWith("/gemini/v1beta/models?") || target.equals("/gemini/v1beta/models")) {
      if (target.contains("pageToken")) {
        return Harness.json(200, "{\"models\":[]}");
      }
      // The recorded list, and the recorded model that thinks.
      String list = Fixtures.read("gemini/models_list_response_page1_trimmed.json");
      return Harness.json(200, list.replaceFirst("\"models\"\\s*:\\s*\\[",
          "\"models\":[" + Fixtures.read("gemini/models_get_response_gemini-3.1-pro-preview.json") + ","));
    }
    if (target.startsWith("/gemini/v1beta/models/" + THINKING_GEMINI + ":streamGenerateContent")) {
      return Harness.sse(GEMINI_THOUGHTS);
    }
    if (target.startsWith("/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent")) {
      boolean callTool = body.contains("functionDeclarations") && !body.contains("functionResponse");
      return Harness.sse(callTool ? GEMINI_TOOL_CALL : Fixtures.read(Target.GEMINI.fixture));
    }
    if (target.startsWith("/ollama-node/api/")) {
      return ollama(target.substring("/ollama-node/api/".length()), body);
    }
    return Harness.route(request);
  }

  private static MockResponse ollama(String endpoint, String body) {
    return switch (endpoint) {
      case "tags" -> Harness.json(200, Fixtures.read("ollama/api_tags_response.json"));
      case "version" -> Harness.json(200, Fixtures.read("ollama/api_version_response.json"));
      // The recorded show answer is llava's; this node's models call tools too.
      case "show" -> Harness.json(200, Fixtures.read("ollama/api_show_response_llava.json")
          .replaceFirst("\"capabilities\"\\s*:\\s*\\[", "\"capabilities\":[\"tools\",\"thinking\","));
      case "chat" -> {
        if (body.contains("\"think\":true")) {
          yield new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").body(OLLAMA_THINKING)
              .build();
        }
        boolean callTool = body.contains("\"tools\"") && !body.contains("\"role\":\"tool\"");
        yield new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson")
            .body(Fixtures.read(callTool ? "ollama/api_chat_tools_stream_transcript.ndjson" : Target.OLLAMA.fixture))
            .build();
      }
      default -> Harness.json(404, "{\"error\":\"no route\"}");
    };
  }

  static Stream<Arguments> pairs() {
    List<Arguments> out = new ArrayList<>();
    for (Inbound inbound : Inbound.values()) {
      for (Target target : Target.values()) {
        out.add(Arguments.of(inbound, target));
      }
    }
    return out.stream();
  }

  private HttpResponse<String> send(Inbound inbound, String body) {
    HttpRequest.Builder r = h.request(inbound.path, h.adminKey).header("Content-Type", "application/json");
    if (inbound == Inbound.ANTHROPIC) {
      r.header("anthropic-version", "2023-06-01");
    }
    HttpResponse<String> response = h.send(r.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(response.statusCode()).as(inbound + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private String lastUpstreamChat() {
    List<RecordedRequest> seen = new ArrayList<>(h.upstreamRequests);
    for (int i = seen.size() - 1; i >= 0; i--) {
      String t = seen.get(i).getTarget();
      if (t.contains(":streamGenerateContent") || t.endsWith("/api/chat")) {
        return seen.get(i).getBody().utf8();
      }
    }
    throw new AssertionError("no upstream chat request");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void aTextReplyWholeAndStreamed(Inbound inbound, Target target) throws Exception {
    for (boolean stream : List.of(false, true)) {
      HttpResponse<String> r = send(inbound, inbound.text(target.model, stream));
      assertThat(r.headers().firstValue("x-modelgate-model")).hasValue(target.model);
      assertThat(inbound.read(r.body(), stream).text()).as(inbound + " stream=" + stream)
          .isEqualTo(target.text());
      if (stream) {
        assertThat(r.headers().firstValue("content-type").orElseThrow())
            .contains(inbound == Inbound.OLLAMA ? "application/x-ndjson" : "text/event-stream");
      }
    }
    assertThat(lastUpstreamChat()).contains("capital of Wyoming");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void aToolCallAndItsResultRoundTrip(Inbound inbound, Target target) throws Exception {
    for (boolean stream : List.of(false, true)) {
      Reply reply = inbound.read(send(inbound, inbound.toolCall(target.model, stream)).body(), stream);
      assertThat(reply.toolName()).as(inbound + " stream=" + stream).isEqualTo("get_weather");
      assertThat(reply.toolArguments()).isEqualTo(target.toolArguments);
    }
    Reply answer = inbound.read(send(inbound, inbound.toolResult(target.model)).body(), false);
    assertThat(answer.text()).isEqualTo(target.text());
    String sent = lastUpstreamChat();
    assertThat(sent).contains(target.toolResultShape(), "sunny", "get_weather", "Paris");
  }

  private static final String THINKING_REQUEST = "{\"model\":\"%s\",\"max_tokens\":4000,"
      + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of Wyoming?\"}]}";

  @org.junit.jupiter.api.Test
  @SuppressWarnings("unchecked")
  void anthropicThinkingBecomesGeminisThinkingConfigAndItsThoughtsComeBackAsAThinkingBlock() throws Exception {
    HttpResponse<String> r = send(Inbound.ANTHROPIC, THINKING_REQUEST.formatted("gemini:" + THINKING_GEMINI));
    assertThat(lastUpstreamChat()).contains("\"thinkingConfig\":{\"thinkingBudget\":2048,\"includeThoughts\":true}");
    List<Map<String, Object>> content = (List<Map<String, Object>>) Harness.object(r).get("content");
    assertThat(content).hasSize(2);
    assertThat(content.get(0)).containsEntry("type", "thinking").containsEntry("thinking", "The user wants a capital.");
    assertThat(content.get(1)).containsEntry("type", "text").containsEntry("text", "Cheyenne.");
  }

  @org.junit.jupiter.api.Test
  @SuppressWarnings("unchecked")
  void anthropicThinkingTurnsOllamasThinkOnAndItsThinkingStreamsAsThinkingDeltas() throws Exception {
    String body = THINKING_REQUEST.formatted(Target.OLLAMA.model);
    HttpResponse<String> r = send(Inbound.ANTHROPIC, body.substring(0, body.length() - 1) + ",\"stream\":true}");
    assertThat(lastUpstreamChat()).contains("\"think\":true");
    assertThat(r.body()).contains("\"content_block\":{\"type\":\"thinking\"",
        "{\"type\":\"thinking_delta\",\"thinking\":\"The user wants a capital.\"}",
        "{\"type\":\"text_delta\",\"text\":\"Cheyenne.\"}");
  }

  @org.junit.jupiter.api.Test
  void theResponsesApisEffortBecomesGeminisBudgetAndAModelThatDoesNotReasonGetsNoReasoningSetting() {
    send(Inbound.RESPONSES, "{\"model\":\"gemini:" + THINKING_GEMINI + "\",\"store\":false,\"input\":\"hi\","
        + "\"reasoning\":{\"effort\":\"high\"}}");
    assertThat(lastUpstreamChat()).contains("\"thinkingBudget\":16384");
    send(Inbound.OLLAMA, "{\"model\":\"gemini:" + THINKING_GEMINI + "\",\"stream\":false,\"think\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(lastUpstreamChat()).as("Ollama's think: true is a medium effort").contains("\"thinkingBudget\":4096");
    send(Inbound.ANTHROPIC, THINKING_REQUEST.formatted(Target.GEMINI.model));
    assertThat(lastUpstreamChat()).doesNotContain("thinkingConfig");
    send(Inbound.ANTHROPIC, THINKING_REQUEST.formatted("openai:gpt-4o-mini"));
    List<RecordedRequest> seen = new ArrayList<>(h.upstreamRequests);
    String openAi = seen.reversed().stream().filter(q -> q.getTarget().endsWith("/chat/completions")).findFirst()
        .orElseThrow().getBody().utf8();
    assertThat(openAi).contains("\"model\":\"gpt-4o-mini\"").doesNotContain("reasoning_effort", "thinking");
  }

  /** Each official client from npm, against both target families: text whole and streamed, and a tool call. */
  @org.junit.jupiter.api.Test
  void theOfficialClientsWorkUnchangedAgainstGeminiAndOllamaTargets() throws Exception {
    StringBuilder targets = new StringBuilder("[");
    for (Target t : Target.values()) {
      targets.append(targets.length() > 1 ? "," : "").append("{\"model\":\"").append(t.model)
          .append("\",\"text\":").append(MOSHI.adapter(String.class).toJson(t.text())).append("}");
    }
    Map<String, String> env = Map.of("MG_BASE", h.base(), "MG_KEY", h.adminKey,
        "MG_TARGETS", targets.append("]").toString());
    String common = """
        const assert = require('assert');
        const targets = JSON.parse(process.env.MG_TARGETS);
        const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
        """;
    String anthropic = common + """
        const Anthropic = require('@anthropic-ai/sdk');
        (async () => {
          const client = new Anthropic({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE });
          for (const t of targets) {
            const msg = await client.messages.create({ model: t.model, max_tokens: 1000,
              messages: [{ role: 'user', content: 'What is the capital of Wyoming?' }] });
            assert.strictEqual(msg.content[0].text, t.text, t.model);
            let text = '';
            const streamed = await client.messages.stream({ model: t.model, max_tokens: 1000,
              messages: [{ role: 'user', content: 'What is the capital of Wyoming?' }] }).on('text', d => { text += d; })
              .finalMessage();
            assert.strictEqual(text, t.text, t.model);
            assert.strictEqual(streamed.stop_reason, 'end_turn');
            const used = await client.messages.stream({ model: t.model, max_tokens: 1000,
              tools: [{ name: 'get_weather', input_schema: schema }],
              messages: [{ role: 'user', content: 'weather?' }] }).finalMessage();
            const use = used.content.find(b => b.type === 'tool_use');
            assert(use && use.name === 'get_weather' && use.input.city, t.model + ': ' + JSON.stringify(used.content));
          }
          console.log('TARGETS-ANTHROPIC-OK');
        })().catch(e => { console.error(e); process.exit(1); });
        """;
    String openai = common + """
        const OpenAI = require('openai');
        const textOf = r => r.output.filter(o => o.type === 'message').flatMap(o => o.content).map(c => c.text).join('');
        (async () => {
          const client = new OpenAI({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE + '/v1' });
          for (const t of targets) {
            const r = await client.responses.create({ model: t.model, input: 'What is the capital of Wyoming?' });
            assert.strictEqual(textOf(r), t.text, t.model);
            const streamed = await client.responses.stream({ model: t.model, input: 'What is the capital?' })
              .finalResponse();
            assert.strictEqual(textOf(streamed), t.text, t.model);
            const call = await client.responses.create({ model: t.model, input: 'weather?',
              tools: [{ type: 'function', name: 'get_weather', parameters: schema, strict: false }] });
            const fc = call.output.find(o => o.type === 'function_call');
            assert(fc && fc.name === 'get_weather' && JSON.parse(fc.arguments).city, t.model);
            let chat = '';
            const chunks = await client.chat.completions.create({ model: t.model, stream: true,
              messages: [{ role: 'user', content: 'What is the capital of Wyoming?' }] });
            for await (const c of chunks) { chat += (c.choices[0] && c.choices[0].delta.content) || ''; }
            assert.strictEqual(chat, t.text, t.model);
          }
          console.log('TARGETS-OPENAI-OK');
        })().catch(e => { console.error(e); process.exit(1); });
        """;
    String ollama = common + """
        const { Ollama } = require('ollama');
        (async () => {
          const client = new Ollama({ host: process.env.MG_BASE + '/ollama',
            headers: { Authorization: 'Bearer ' + process.env.MG_KEY } });
          for (const t of targets) {
            const whole = await client.chat({ model: t.model,
              messages: [{ role: 'user', content: 'What is the capital of Wyoming?' }] });
            assert.strictEqual(whole.message.content, t.text, t.model);
            let text = '';
            for await (const part of await client.chat({ model: t.model, stream: true,
              messages: [{ role: 'user', content: 'What is the capital of Wyoming?' }] })) {
              text += part.message.content;
            }
            assert.strictEqual(text, t.text, t.model);
            const called = await client.chat({ model: t.model, messages: [{ role: 'user', content: 'weather?' }],
              tools: [{ type: 'function', function: { name: 'get_weather', parameters: schema } }] });
            const call = called.message.tool_calls && called.message.tool_calls[0];
            assert(call && call.function.name === 'get_weather' && call.function.arguments.city, t.model);
          }
          console.log('TARGETS-OLLAMA-OK');
        })().catch(e => { console.error(e); process.exit(1); });
        """;
    assertThat(NodeClients.run("anthropic", List.of("@anthropic-ai/sdk@^1"), anthropic, env))
        .contains("TARGETS-ANTHROPIC-OK");
    assertThat(NodeClients.run("openai", List.of("openai@^4"), openai, env)).contains("TARGETS-OPENAI-OK");
    assertThat(NodeClients.run("ollama", List.of("ollama@^0.6"), ollama, env)).contains("TARGETS-OLLAMA-OK");
  }
}
