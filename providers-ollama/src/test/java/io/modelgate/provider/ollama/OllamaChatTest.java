package io.modelgate.provider.ollama;

import static io.modelgate.provider.ollama.OllamaTesting.assertJsonBody;
import static io.modelgate.provider.ollama.OllamaTesting.drain;
import static io.modelgate.provider.ollama.OllamaTesting.fixture;
import static io.modelgate.provider.ollama.OllamaTesting.json;
import static io.modelgate.provider.ollama.OllamaTesting.ndjson;
import static io.modelgate.provider.ollama.OllamaTesting.ndjsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OllamaChatTest extends OllamaServerTest {
  private static final ToolDefinition GET_WEATHER = new ToolDefinition("get_weather",
      "Get the weather in a given city", """
      {"type":"object","properties":{"city":{"type":"string","description":"The city to get the weather for"}},
       "required":["city"]}""");

  private ChatModel chat(@Nullable Secret key) {
    return connect(key).chat();
  }

  private ChatModel chat() {
    return chat(null);
  }

  @Test
  void usageAndFinishComeFromTheFinalDoneLine() throws Exception {
    server.enqueue(ndjson(fixture("api_chat_stream_transcript.ndjson")));

    List<ChatEvent> events = drain(chat().stream("llama3.2", ChatRequest.of(null, "why is the sky blue?")));

    assertThat(events).containsExactly(
        new ChatEvent.TextDelta("The"),
        new ChatEvent.UsageReport(Usage.of(26, 282)),
        new ChatEvent.Completed(FinishReason.STOP, Usage.of(26, 282), null));
    RecordedRequest request = taken();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertJsonBody(request, fixture("api_chat_request.json").replaceFirst("\\}\\s*$", ",\"stream\":true}"));
  }

  @Test
  void toolsStreamDeliversWholeCallsWithArgumentsAsJsonTextAndMadeUpIds() throws Exception {
    server.enqueue(ndjson(fixture("api_chat_tools_stream_transcript.ndjson")));
    ChatRequest request = ChatRequest.builder().message(ChatMessage.user("what is the weather in tokyo?"))
        .tools(List.of(GET_WEATHER)).build();

    List<ChatEvent> events = drain(chat().stream("llama3.2", request));

    assertJsonBody(taken(), fixture("api_chat_tools_stream_request.json"));
    assertThat(events.getFirst()).isInstanceOfSatisfying(ChatEvent.ToolCallDelta.class, call -> {
      assertThat(call.index()).isZero();
      assertThat(call.id()).matches("call_[0-9a-f]{24}");
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).isEqualTo("{\"city\":\"Tokyo\"}");
    });
    assertThat(events.getLast()).isEqualTo(
        new ChatEvent.Completed(FinishReason.TOOL_CALLS, Usage.of(169, 15), "stop"));
  }

  @Test
  void blockingCallCollectsToolCallsAcrossLines() {
    // Two tool-call lines as Ollama sends them, one call each; a node that sends ids keeps them.
    String first = "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
        + "[{\"id\":\"call_abc\",\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":{\"city\":\"Tokyo\"}}}]},"
        + "\"done\":false}";
    String second = first.replace("call_abc", "call_def").replace("Tokyo", "Paris").replace("\"index\":0", "\"index\":1");
    String done = "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
        + "\"done\":true,\"prompt_eval_count\":10,\"eval_count\":20}";
    server.enqueue(ndjsonLines(List.of(first, second, done)));

    ChatResponse reply = chat().complete("llama3.2", ChatRequest.of(null, "weather?"));

    assertThat(reply.toolCalls()).containsExactly(
        new ToolCall("call_abc", "get_weather", "{\"city\":\"Tokyo\"}"),
        new ToolCall("call_def", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(reply.usage()).isEqualTo(Usage.of(10, 20));
  }

  @Test
  void thinkingBecomesReasoningDeltasKeptApartFromTheAnswer() throws Exception {
    // The shape a thinking model streams (message.thinking before message.content); no fixture has one.
    String line = "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"%s\",\"thinking\":\"%s\"},"
        + "\"done\":false}";
    server.enqueue(ndjsonLines(List.of(
        line.formatted("", "The user"), line.formatted("", " greets me."), line.formatted("Hello!", ""),
        "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
            + "\"done\":true,\"prompt_eval_count\":5,\"eval_count\":12}")));

    ChatResponse reply = chat().complete("qwen3", ChatRequest.builder().message(ChatMessage.user("hi"))
        .extension("think", true).build());

    assertThat(reply.reasoning()).isEqualTo("The user greets me.");
    assertThat(reply.text()).isEqualTo("Hello!");
    assertThat(OllamaTesting.parse(taken().getBody().utf8())).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("think", true);
  }

  @Test
  void lengthDoneReasonIsALengthFinish() {
    server.enqueue(ndjsonLines(List.of(
        "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"The sky\"},\"done\":false}",
        "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"length\","
            + "\"done\":true,\"prompt_eval_count\":26,\"eval_count\":2}")));

    ChatResponse reply = chat().complete("llama3.2", ChatRequest.of(null, "why is the sky blue?"));

    assertThat(reply.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(reply.finishDetail()).isEqualTo("length");
  }

  @Test
  void errorLineMidStreamEndsAsAFailureWithTheNodesMessage() {
    server.enqueue(ndjson(fixture("error_midstream_generate_transcript.ndjson")));

    ChatEvent last = drain(chat().stream("gemma4", ChatRequest.of(null, "Is the sky blue?"))).getLast();

    assertThat(last).isInstanceOfSatisfying(ChatEvent.Failed.class, failed -> {
      assertThat(failed.error()).isInstanceOf(UpstreamUnavailableException.class);
      assertThat(failed.error().getMessage()).contains("an error was encountered while running the model");
      assertThat(failed.error().retriable()).isTrue();
    });
  }

  @Test
  void modelNotPulledIsModelNotFoundWithOllamasMessage() {
    server.enqueue(json(404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"));

    assertThatThrownBy(() -> chat().complete("llama3.2", ChatRequest.of(null, "hi")))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("model \"llama3.2\" not found, try pulling it first");
  }

  @Test
  void requestCarriesSamplingFormatImagesToolCallsAndToolResults() throws Exception {
    server.enqueue(ndjson(fixture("api_chat_stream_transcript.ndjson")));
    ChatRequest request = ChatRequest.builder()
        .message(ChatMessage.system("Be brief."))
        .message(new ChatMessage(Role.USER, List.of(ContentPart.text("What is in this picture?"),
            new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null)), null, List.of(), null))
        .message(new ChatMessage(Role.ASSISTANT, List.of(), null,
            List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Tokyo\"}")), null))
        .message(ChatMessage.toolResult("call_1", "11 degrees and cloudy"))
        .tools(List.of(GET_WEATHER))
        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "weather",
            "{\"type\":\"object\",\"properties\":{\"summary\":{\"type\":\"string\"}}}"))
        .sampling(new SamplingOptions(0.2, 0.9, 100, List.of("\n\n"), 42L, 0.1, 0.3, null, null, null))
        .extension("keep_alive", "10m")
        .build();

    chat().complete("llava", request);

    assertJsonBody(taken(), """
        {"model":"llava","stream":true,"keep_alive":"10m",
         "messages":[
           {"role":"system","content":"Be brief."},
           {"role":"user","content":"What is in this picture?","images":["iVBORw0KGgo="]},
           {"role":"assistant","content":"",
            "tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},
           {"role":"tool","content":"11 degrees and cloudy","tool_name":"get_weather"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather in a given city",
           "parameters":{"type":"object","properties":{"city":{"type":"string",
             "description":"The city to get the weather for"}},"required":["city"]}}}],
         "format":{"type":"object","properties":{"summary":{"type":"string"}}},
         "options":{"temperature":0.2,"top_p":0.9,"num_predict":100,"stop":["\\n\\n"],"seed":42,
           "presence_penalty":0.1,"frequency_penalty":0.3}}""");
  }

  @Test
  void jsonObjectFormatIsSentAsJson() throws Exception {
    server.enqueue(ndjson(fixture("api_chat_stream_transcript.ndjson")));

    chat().complete("llama3.2", ChatRequest.builder().message(ChatMessage.user("List colours as JSON"))
        .responseFormat(ResponseFormat.JSON_OBJECT).build());

    assertThat(OllamaTesting.parse(taken().getBody().utf8())).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("format", "json");
  }

  @Test
  void imageByLinkIsRefusedBeforeAnyCallBecauseOllamaTakesImagesInline() {
    ChatRequest request = ChatRequest.builder().message(new ChatMessage(Role.USER,
        List.of(new ContentPart.Image("https://example.com/cat.png", null)), null, List.of(), null)).build();

    ChatEvent last = drain(chat().stream("llava", request)).getLast();

    assertThat(last).isInstanceOfSatisfying(ChatEvent.Failed.class, failed ->
        assertThat(failed.error()).isInstanceOf(InvalidRequestException.class).hasMessageContaining("data: URL"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void moreThanOneChoiceIsRefused() {
    ChatRequest request = ChatRequest.builder().message(ChatMessage.user("hi"))
        .sampling(new SamplingOptions(null, null, null, List.of(), null, null, null, 2, null, null)).build();

    assertThatThrownBy(() -> chat().complete("llama3.2", request)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void keylessNodeGetsNoAuthorizationHeaderAndAKeyGoesAsBearer() throws Exception {
    server.enqueue(ndjson(fixture("api_chat_stream_transcript.ndjson")));
    server.enqueue(ndjson(fixture("api_chat_stream_transcript.ndjson")));

    chat().complete("llama3.2", ChatRequest.of(null, "hi"));
    chat(Secret.of("proxy-token-123456")).complete("llama3.2", ChatRequest.of(null, "hi"));

    OllamaTesting.assertKeyless(taken());
    assertThat(OllamaTesting.authorization(taken())).isEqualTo("Bearer proxy-token-123456");
  }
}
