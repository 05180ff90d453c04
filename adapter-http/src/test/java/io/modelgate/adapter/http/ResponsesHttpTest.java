package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.provider.testkit.Fixtures;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** OpenAI's Responses API against the running service: text, items, tools, streaming, storage, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesHttpTest {
  private Harness h;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    h.enable("openai:gpt-4o-mini", "openai:gpt-4.1-mini");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  private static List<String> eventNames(String body) {
    List<String> out = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      if (frame.startsWith("event: ")) {
        out.add(frame.substring(7, frame.indexOf('\n')));
      }
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTextInputGetsAResponseWithAMessageItemAndUsage() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"demo:echo\",\"input\":\"Hello there\",\"instructions\":\"be brief\",\"store\":false}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = Harness.object(r);
    assertThat(body).containsEntry("object", "response").containsEntry("status", "completed")
        .containsEntry("model", "demo:echo").containsEntry("instructions", "be brief");
    assertThat((String) body.get("id")).startsWith("resp_");
    List<Map<String, Object>> output = (List<Map<String, Object>>) body.get("output");
    assertThat(output).hasSize(1);
    assertThat(output.getFirst()).containsEntry("type", "message").containsEntry("role", "assistant");
    assertThat((List<Map<String, Object>>) output.getFirst().get("content")).first()
        .satisfies(c -> assertThat(c).containsEntry("type", "output_text").containsEntry("text", "Echo: Hello there"));
    assertThat((Map<String, Object>) body.get("usage")).containsKeys("input_tokens", "output_tokens", "total_tokens");
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("demo:echo");
    assertThat(h.get("/v1/responses/" + body.get("id"), h.adminKey).statusCode()).isEqualTo(404);
  }

  @Test
  void aStreamHasTheSemanticEventsInOrderAndEndsCompleted() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"demo:echo\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
            + "\"text\":\"streaming works\"}]}],\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> names = eventNames(r.body());
    assertThat(names.subList(0, 4)).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added");
    assertThat(names).contains("response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done");
    assertThat(names.getLast()).isEqualTo("response.completed");
    assertThat(r.body()).contains("\"sequence_number\":0", "\"text\":\"Echo: streaming works\"")
        .doesNotContain("[DONE]");
  }

  @Test
  void functionCallsStreamAsItemsWithTheirArguments() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey, """
        {"model":"openai:gpt-4o-mini","input":"weather in Paris?","stream":true,
         "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object",
           "properties":{"location":{"type":"string"}}}}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> names = eventNames(r.body());
    assertThat(names).contains("response.function_call_arguments.delta", "response.function_call_arguments.done");
    assertThat(r.body()).contains("\"type\":\"function_call\"", "\"call_id\":");
    // An OpenAI target speaks the Responses API itself: the client's tools go as they came, to /v1/responses.
    assertThat(h.upstreamRequests.getLast().getTarget()).isEqualTo("/v1/responses");
    String sent = h.upstreamRequests.getLast().getBody().utf8();
    assertThat(sent).contains("\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\"",
        "\"model\":\"gpt-4o-mini\"", "\"stream\":true");
    assertThat(r.body()).contains("\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"", "\"call_id\":\"call_up1\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOpenAiTargetGetsTheClientsBodyWithNothingLostAndItsEventsComeBack() {
    String body = """
        {"model":"openai:gpt-4o-mini","input":[{"type":"message","role":"user","content":[{"type":"input_text",
         "text":"hi"}]},{"type":"reasoning","id":"rs_old","summary":[],"encrypted_content":"gAAAA_opaque"}],
         "reasoning":{"effort":"low","summary":"auto"},"include":["reasoning.encrypted_content"],
         "tools":[{"type":"web_search_preview"}],"truncation":"auto","max_output_tokens":300,"store":false}""";
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String sent = h.upstreamRequests.getLast().getBody().utf8();
    assertThat(sent).contains("\"encrypted_content\":\"gAAAA_opaque\"", "\"summary\":\"auto\"",
        "\"include\":[\"reasoning.encrypted_content\"]", "{\"type\":\"web_search_preview\"}",
        "\"truncation\":\"auto\"", "\"max_output_tokens\":300", "\"model\":\"gpt-4o-mini\"",
        "\"stream\":true", "\"store\":false").doesNotContain("openai:gpt-4o-mini");
    Map<String, Object> reply = Harness.object(r);
    List<Map<String, Object>> output = (List<Map<String, Object>>) reply.get("output");
    assertThat(output).extracting(o -> o.get("type")).containsExactly("reasoning", "message");
    assertThat(output.get(1).toString()).contains("Hello from the Responses API.");
    assertThat((Map<String, Object>) reply.get("usage")).containsEntry("input_tokens", 21.0)
        .containsEntry("output_tokens", 9.0);
  }

  /** A client's request for the recorded web search: encrypted reasoning asked for, the built-in tool offered. */
  private static final String BERLIN = "{\"model\":\"openai:gpt-4o-mini\",\"input\":\"What happened in Berlin "
      + "today?\",\"tools\":[{\"type\":\"web_search\"}],\"include\":[\"reasoning.encrypted_content\"],"
      + "\"reasoning\":{\"summary\":\"detailed\"},\"store\":false";

  /** The recorded upstream's item events (those with an output_index), each without its sequence number. */
  private static List<Object> upstreamItemEvents() {
    List<Object> out = new ArrayList<>();
    for (String data : dataLines(Fixtures.recorded(
        "openai/responses_stream_reasoning_web_search_citations.sse"))) {
      Map<String, Object> event = tree(data);
      if (event.containsKey("output_index")) {
        event.remove("sequence_number");
        out.add(event);
      }
    }
    return out;
  }

  /** The {@code data:} lines of a stream of named events, in order. */
  private static List<String> dataLines(String sse) {
    return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String json) {
    try {
      return (Map<String, Object>) new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class).fromJson(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOpenAiTargetsOwnItemsStreamToTheClientAsSentInOrderWithTheirIds() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey, BERLIN + ",\"stream\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("openai:gpt-4o-mini");
    List<String> data = dataLines(r.body());
    List<Map<String, Object>> events = data.stream().map(ResponsesHttpTest::tree).toList();
    assertThat(events).extracting(e -> ((Number) e.get("sequence_number")).intValue())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, events.size()).boxed().toList());
    assertThat(events.getFirst()).containsEntry("type", "response.created");
    assertThat(events.get(1)).containsEntry("type", "response.in_progress");
    assertThat(events.getLast()).containsEntry("type", "response.completed");
    // Between our response's start and end: every event of OpenAI's items, as OpenAI sent it, in its order.
    List<Object> items = new ArrayList<>(events.subList(2, events.size() - 1));
    items.forEach(e -> ((Map<String, Object>) e).remove("sequence_number"));
    assertThat(items).hasSize(65).containsExactlyElementsOf(upstreamItemEvents());
    // Byte for byte: citation offsets stay integers, the encrypted reasoning and the search's id are there.
    assertThat(r.body()).contains("\"end_index\":414,\"start_index\":327",
        "\"encrypted_content\":\"gAAAAABpPDIVOKrs", "\"id\":\"ws_68c187d0973881928c78c79e50ae028805ca09a4773fcd25\"",
        "event: response.web_search_call.searching", "event: response.output_text.annotation.added")
        .doesNotContain("327.0");
    Map<String, Object> done = (Map<String, Object>) events.getLast().get("response");
    assertThat((List<Map<String, Object>>) done.get("output")).extracting(o -> o.get("type"))
        .containsExactly("reasoning", "web_search_call", "message");
    assertThat((Map<String, Object>) done.get("usage")).containsEntry("input_tokens", 60093.0)
        .containsEntry("output_tokens", 4080.0);
    // Metered as any call: the provider's usage, on the usage record of this request.
    String id = r.headers().firstValue(Call.REQUEST_ID).orElseThrow();
    assertThat(h.graph.usageLog().find(io.modelgate.core.usage.UsageQuery.ALL))
        .filteredOn(u -> u.requestId().equals(id)).singleElement()
        .satisfies(u -> assertThat(u.usage().promptTokens()).isEqualTo(60093))
        .satisfies(u -> assertThat(u.usage().reasoningTokens()).isEqualTo(3648));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOpenAiTargetsOwnItemsAreTheWholeReplysOutput() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey, BERLIN + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> reply = Harness.object(r);
    List<Object> upstreamDone = upstreamItemEvents().stream().map(e -> (Map<String, Object>) e)
        .filter(e -> "response.output_item.done".equals(e.get("type"))).map(e -> e.get("item")).toList();
    assertThat((List<Object>) reply.get("output")).hasSize(3).containsExactlyElementsOf(upstreamDone);
    assertThat(r.body()).contains("\"end_index\":2029,\"start_index\":1900", "\"type\":\"url_citation\"",
        "\"encrypted_content\":\"gAAAAABpPDIVOKrs", "\"query\":\"Berlin news today\"");
    assertThat(reply).containsEntry("status", "completed").containsEntry("model", "openai:gpt-4o-mini");
    assertThat((Map<String, Object>) reply.get("usage")).containsEntry("total_tokens", 64173.0);
    assertThat(r.headers().firstValue("x-modelgate-cost-usd")).isPresent();
  }

  @Test
  void aClientSendingBackTheItemsItGotIsServedByOpenAiAsSentAndByATranslatedTarget() {
    String input = "[{\"role\":\"user\",\"content\":\"What happened in Berlin today?\"},"
        + "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAA_opaque\"},"
        + "{\"id\":\"ws_1\",\"type\":\"web_search_call\",\"status\":\"completed\",\"action\":{\"type\":\"search\","
        + "\"query\":\"Berlin news today\"}},{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\","
        + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Art week opens.\","
        + "\"annotations\":[{\"type\":\"url_citation\",\"start_index\":0,\"end_index\":8,\"title\":\"W\","
        + "\"url\":\"https://example.com/\"}]}]},{\"role\":\"user\",\"content\":\"tell me more\"}]";
    HttpResponse<String> openAi = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"openai:gpt-4o-mini\",\"store\":false,\"input\":" + input + "}");
    assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
    assertThat(h.upstreamRequests.getLast().getBody().utf8()).contains("\"type\":\"web_search_call\"",
        "\"query\":\"Berlin news today\"", "\"type\":\"url_citation\"", "\"encrypted_content\":\"gAAAA_opaque\"",
        "\"end_index\":8").doesNotContain("\"end_index\":8.0");
    // A reasoning item without its encrypted content names nothing OpenAI kept (store is false upstream).
    HttpResponse<String> bare = h.post("/v1/responses", h.adminKey, "{\"model\":\"openai:gpt-4o-mini\",\"input\":"
        + input.replace("{\"role\":\"user\",\"content\":\"tell",
            "{\"id\":\"rs_unkept\",\"type\":\"reasoning\",\"summary\":[]},"
                + "{\"role\":\"user\",\"content\":\"tell") + "}");
    assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
    assertThat(h.upstreamRequests.getLast().getBody().utf8()).doesNotContain("rs_unkept")
        .contains("\"encrypted_content\":\"gAAAA_opaque\"", "tell me more");
    HttpResponse<String> translated = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"demo:echo\",\"store\":false,\"input\":" + input + "}");
    assertThat(translated.statusCode()).as(translated.body()).isEqualTo(200);
    assertThat(translated.body()).contains("Echo: tell me more");
    HttpResponse<String> unknown = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"demo:echo\",\"input\":[{\"type\":\"no_such_item\"}]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKeptResponseIsReadContinuedAndDeletedByItsOwnerAlone() {
    HttpResponse<String> first = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"openai:gpt-4o-mini\",\"input\":\"remember: blue\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String id = (String) Harness.object(first).get("id");
    HttpResponse<String> read = h.get("/v1/responses/" + id, h.adminKey);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Harness.object(read)).isEqualTo(Harness.object(first));

    HttpResponse<String> next = h.post("/v1/responses", h.adminKey, "{\"model\":\"openai:gpt-4o-mini\","
        + "\"previous_response_id\":\"" + id + "\",\"input\":[{\"role\":\"user\",\"content\":\"which colour?\"}]}");
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(Harness.object(next)).containsEntry("previous_response_id", id);
    String sent = h.upstreamRequests.getLast().getBody().utf8();
    Map<String, Object> message = ((List<Map<String, Object>>) Harness.object(first).get("output")).stream()
        .filter(o -> "message".equals(o.get("type"))).findFirst().orElseThrow();
    String firstText = (String) ((List<Map<String, Object>>) message.get("content")).getFirst().get("text");
    assertThat(sent).contains("remember: blue", "which colour?", "\"role\":\"assistant\"",
        firstText.substring(0, Math.min(10, firstText.length()))).doesNotContain("previous_response_id");

    String other = h.member("someone-else", null);
    assertThat(h.get("/v1/responses/" + id, other).statusCode()).isEqualTo(404);
    assertThat(h.method("DELETE", "/v1/responses/" + id, other, null).statusCode()).isEqualTo(404);
    HttpResponse<String> stolen = h.post("/v1/responses", other,
        "{\"model\":\"demo:echo\",\"previous_response_id\":\"" + id + "\",\"input\":\"x\"}");
    assertThat(stolen.statusCode()).isEqualTo(400);
    assertThat(stolen.body()).contains("previous_response_id");

    HttpResponse<String> deleted = h.method("DELETE", "/v1/responses/" + id, h.adminKey, null);
    assertThat(Harness.object(deleted)).containsEntry("deleted", true).containsEntry("object", "response.deleted");
    assertThat(h.get("/v1/responses/" + id, h.adminKey).statusCode()).isEqualTo(404);
  }

  @Test
  void aStreamBrokenMidWayEndsWithResponseFailedNeverCompleted() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"openai:gpt-4.1-mini\",\"input\":\"hi\",\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> names = eventNames(r.body());
    assertThat(names.getLast()).isEqualTo("response.failed");
    assertThat(names).doesNotContain("response.completed");
    assertThat(r.body()).contains("\"status\":\"failed\"", "\"error\":{\"code\":");
  }

  @Test
  void textFormatAndReasoningReachTheUpstreamAsSent() {
    HttpResponse<String> r = h.post("/v1/responses", h.adminKey, """
        {"model":"openai:gpt-4o-mini","input":"give json","max_output_tokens":77,"reasoning":{"effort":"low"},
         "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object","properties":{"a":{"type":"integer"}}}}}}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String sent = h.upstreamRequests.getLast().getBody().utf8();
    // The OpenAI target gets the client's own Responses body: text.format and reasoning as they came.
    assertThat(sent).contains("\"format\":{\"type\":\"json_schema\",\"name\":\"answer\"", "\"max_output_tokens\":77",
        "\"reasoning\":{\"effort\":\"low\"}");
    assertThat(Harness.object(r)).containsEntry("max_output_tokens", 77.0);
  }

  @Test
  void badInputIsA400NamingTheField() {
    HttpResponse<String> none = h.post("/v1/responses", h.adminKey, "{\"model\":\"demo:echo\"}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(Harness.error(none)).containsEntry("param", "input");
    HttpResponse<String> tool = h.post("/v1/responses", h.adminKey,
        "{\"model\":\"demo:echo\",\"input\":\"x\",\"tools\":[{\"type\":\"function\"}]}");
    assertThat(tool.statusCode()).isEqualTo(400);
    assertThat(Harness.error(tool)).containsEntry("param", "tools[0].function");
  }
}
