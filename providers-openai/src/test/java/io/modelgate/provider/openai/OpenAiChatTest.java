package io.modelgate.provider.openai;

import static io.modelgate.provider.openai.OpenAiConformanceTest.json;
import static io.modelgate.provider.openai.OpenAiConformanceTest.sse;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The chat protocol's details: tool-call deltas, usage, what the request carries, choices and reasoning. */
class OpenAiChatTest extends ServerTest {
  private final OpenAiDriver driver = new OpenAiDriver();

  private ChatModel chat(ProviderKind kind) {
    ProviderInstance instance = ProviderInstance.builder("test", kind).baseUrl(server.url("/v1").toString()).build();
    return driver.connect(instance, Secret.of("sk-test-chat-000000000000")).chat();
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(1, TimeUnit.SECONDS);
  }

  /** A refused structured output, in the shape of the recorded stream: the refusal comes in refusal deltas. */
  static final String REFUSAL_STREAM = refusalStream();

  private static String refusalStream() {
    String head = "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1727346168,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\","
        + "\"choices\":[{\"index\":0,\"delta\":";
    return head + "{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + head + "{\"refusal\":\"I'm sorry, \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + head + "{\"refusal\":\"I can't help with that.\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n";
  }

  @Test
  void aRequestsReasoningIsSentAsReasoningEffortAndABudgetAsTheEffortItReaches() throws Exception {
    server.enqueue(sse(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse")));
    drain(chat(ProviderKind.OPENAI).stream("gpt-5", ChatRequest.builder().message(ChatMessage.user("x"))
        .reasoning(io.modelgate.core.chat.Reasoning.ofBudget(2048)).build()));
    assertThat(taken().getBody().utf8()).contains("\"reasoning_effort\":\"low\"");
    server.enqueue(sse(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse")));
    drain(chat(ProviderKind.OPENAI).stream("gpt-5", ChatRequest.of(null, "x")));
    assertThat(taken().getBody().utf8()).doesNotContain("reasoning_effort");
  }

  @Test
  void aRefusalComesThroughAsRefusalDeltasAndTheJoinedReplysRefusal() {
    server.enqueue(sse(REFUSAL_STREAM));
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-4o-2024-08-06", ChatRequest.of(null, "x")));
    assertThat(events).filteredOn(ChatEvent.RefusalDelta.class::isInstance).containsExactly(
        new ChatEvent.RefusalDelta(0, "I'm sorry, "), new ChatEvent.RefusalDelta(0, "I can't help with that."));
    assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance).isEmpty();
    server.enqueue(sse(REFUSAL_STREAM));
    ChatResponse reply = chat(ProviderKind.OPENAI).complete("gpt-4o-2024-08-06", ChatRequest.of(null, "x"));
    assertThat(reply.refusal()).isEqualTo("I'm sorry, I can't help with that.");
    assertThat(reply.text()).isEmpty();
  }

  @Test
  void toolCallDeltasFromTheRecordedStreamAssembleIntoOneCall() {
    server.enqueue(sse(Fixtures.read("openai/chat_completions_stream_tool_call_with_usage.sse")));
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-4o-2024-08-06",
        ChatRequest.of(null, "What's the weather like in New York?")));

    assertThat(events).filteredOn(ChatEvent.ToolCallDelta.class::isInstance).first()
        .isEqualTo(new ChatEvent.ToolCallDelta(0, 0, "call_4XzlGBLtUe9dy3GVNV4jhq7h", "get_weather", ""));
    server.enqueue(sse(Fixtures.read("openai/chat_completions_stream_tool_call_with_usage.sse")));
    ChatResponse reply = chat(ProviderKind.OPENAI).complete("gpt-4o-2024-08-06",
        ChatRequest.of(null, "What's the weather like in New York?"));
    assertThat(reply.toolCalls()).containsExactly(
        new ToolCall("call_4XzlGBLtUe9dy3GVNV4jhq7h", "get_weather", "{\"city\":\"New York City\"}"));
    assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(reply.usage()).isEqualTo(Usage.of(44, 16));
  }

  @Test
  void usageKeepsCachedAndReasoningTokens() {
    // The usage chunk as OpenAI documents it (ChatCompletionStreamResponse.usage with both details objects).
    server.enqueue(sse("""
        data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: {"choices":[],"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,\
        "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},\
        "completion_tokens_details":{"reasoning_tokens":192,"audio_tokens":0}}}

        data: [DONE]

        """));
    ChatResponse reply = chat(ProviderKind.OPENAI).complete("o4-mini", ChatRequest.of(null, "Hi"));
    assertThat(reply.usage()).isEqualTo(new Usage(2006, 300, 1920, 192, null));
  }

  @Test
  void requestCarriesSamplingToolsFormatLogprobsNAndExtensions() throws Exception {
    server.enqueue(sse(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM)));
    ChatRequest request = ChatRequest.builder()
        .message(ChatMessage.system("Be brief."))
        .message(new ChatMessage(Role.USER, List.of(ContentPart.text("What is in this picture?"),
            new ContentPart.Image("https://example.com/cat.png", "low")), null, List.of(), null))
        .message(new ChatMessage(Role.ASSISTANT, List.of(), null,
            List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null))
        .message(ChatMessage.toolResult("call_1", "sunny"))
        .sampling(new SamplingOptions(0.2, 0.9, 256, List.of("END"), 42L, null, null, 2, true, 3))
        .tools(List.of(new ToolDefinition("get_weather", "Weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")))
        .toolChoice("get_weather")
        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"))
        .extension("user", "user-123")
        .extension("service_tier", "flex")
        .extension("model", "must-not-replace-ours")
        .build();
    chat(ProviderKind.OPENAI).complete("gpt-4o", request);

    Map<String, Object> body = Json.object(taken().getBody().utf8());
    assertThat(body).containsEntry("model", "gpt-4o").containsEntry("temperature", 0.2)
        .containsEntry("top_p", 0.9).containsEntry("max_completion_tokens", 256.0).doesNotContainKey("max_tokens")
        .containsEntry("stop", List.of("END")).containsEntry("seed", 42.0).containsEntry("n", 2.0)
        .containsEntry("logprobs", true).containsEntry("top_logprobs", 3.0)
        .containsEntry("user", "user-123").containsEntry("service_tier", "flex")
        .containsEntry("tool_choice", Map.of("type", "function", "function", Map.of("name", "get_weather")))
        .containsEntry("response_format", Map.of("type", "json_schema", "json_schema", Map.of("name", "answer",
            "schema", Map.of("type", "object", "properties", Map.of("a", Map.of("type", "string"))))));
    assertThat(body.get("tools")).isEqualTo(List.of(Map.of("type", "function", "function", Map.of(
        "name", "get_weather", "description", "Weather for a city",
        "parameters", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))))));
    assertThat(body.get("messages")).isEqualTo(List.of(
        Map.of("role", "system", "content", "Be brief."),
        Map.of("role", "user", "content", List.of(
            Map.of("type", "text", "text", "What is in this picture?"),
            Map.of("type", "image_url", "image_url", Map.of("url", "https://example.com/cat.png", "detail", "low")))),
        Map.of("role", "assistant", "tool_calls", List.of(Map.of("id", "call_1", "type", "function",
            "function", Map.of("name", "get_weather", "arguments", "{\"city\":\"Paris\"}")))),
        Map.of("role", "tool", "content", "sunny", "tool_call_id", "call_1")));
  }

  @Test
  void compatibleServersGetMaxTokensAndNoUsageOptionWhenNotAsked() throws Exception {
    server.enqueue(sse(Fixtures.read(OpenAiConformanceTest.TEXT_STREAM)));
    chat(ProviderKind.OPENAI_COMPATIBLE).complete("llama", ChatRequest.builder().message(ChatMessage.user("Hi"))
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(64)).includeUsage(false)
        .responseFormat(ResponseFormat.JSON_OBJECT).toolChoice("auto").build());
    Map<String, Object> body = Json.object(taken().getBody().utf8());
    assertThat(body).containsEntry("max_tokens", 64.0).doesNotContainKey("max_completion_tokens")
        .doesNotContainKey("stream_options").containsEntry("tool_choice", "auto")
        .containsEntry("response_format", Map.of("type", "json_object"));
  }

  @Test
  void eachChoiceKeepsItsIndexAndReasoningIsKeptApart() {
    server.enqueue(sse("""
        data: {"choices":[{"index":0,"delta":{"reasoning_content":"Think."},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{"reasoning":" More."},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{"content":"A"},"finish_reason":null},\
        {"index":1,"delta":{"content":"B"},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{},"finish_reason":"length"},{"index":1,"delta":{},"finish_reason":"stop"}]}

        data: [DONE]

        """));
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI_COMPATIBLE).stream("deepseek-reasoner",
        ChatRequest.of(null, "Hi")));
    assertThat(events).containsExactly(
        new ChatEvent.ReasoningDelta("Think."), new ChatEvent.ReasoningDelta(" More."),
        new ChatEvent.TextDelta(0, "A"), new ChatEvent.TextDelta(1, "B"),
        new ChatEvent.Completed(FinishReason.LENGTH, null, "length"));
  }

  @Test
  void logprobsComeBackPerChoiceAsTheirJsonWithTokenBytesAsIntegers() {
    server.enqueue(json(200, Fixtures.read("openai/chat_completions_logprobs_response.json")));
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-4o-mini", ChatRequest.of(null, "Hello!")));
    assertThat(events).filteredOn(ChatEvent.LogprobsDelta.class::isInstance).singleElement()
        .isInstanceOfSatisfying(ChatEvent.LogprobsDelta.class, l -> {
          assertThat(l.choice()).isZero();
          assertThat(l.content()).startsWith("[{\"token\":\"Hello\"")
              .contains("\"bytes\":[72,101,108,108,111]").contains("\"top_logprobs\":[");
        });
    server.enqueue(sse("""
        data: {"choices":[{"index":1,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.5,"bytes":[72,105],"top_logprobs":[]}]},"finish_reason":null}]}

        data: {"choices":[{"index":1,"delta":{},"logprobs":null,"finish_reason":"stop"}]}

        data: [DONE]

        """));
    List<ChatEvent> streamed = drain(chat(ProviderKind.OPENAI).stream("gpt-4o-mini", ChatRequest.of(null, "Hi")));
    assertThat(streamed).contains(new ChatEvent.LogprobsDelta(1,
        "[{\"token\":\"Hi\",\"logprob\":-0.5,\"bytes\":[72,105],\"top_logprobs\":[]}]"));
    assertThat(streamed).last().isInstanceOf(ChatEvent.Completed.class);
  }

  @Test
  void aServerThatIgnoresStreamingStillAnswersThroughTheStream() {
    server.enqueue(json(200, Fixtures.read("openai/chat_completions_response.json")));
    ChatResponse reply = chat(ProviderKind.OPENAI_COMPATIBLE).complete("gpt-5.4", ChatRequest.of(null, "Hello!"));
    assertThat(reply.text()).isEqualTo("Hello! How can I assist you today?");
    assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(reply.usage()).isEqualTo(Usage.of(19, 10));
  }

  @Test
  void aWholeAnswerIsReadInItsCharsetPastAUtf8ByteOrderMarkWithItsLogprobsAndNothingMayFollowIt() {
    String answer = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Gr\u00fc\u00df\"},"
        + "\"logprobs\":{\"content\":[{\"token\":\"Gr\",\"logprob\":-0.5,\"bytes\":[71,114],\"top_logprobs\":[]}]},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json; charset=iso-8859-1")
        .body(new okio.Buffer().writeString(answer, java.nio.charset.StandardCharsets.ISO_8859_1)).build());
    assertThat(chat(ProviderKind.OPENAI_COMPATIBLE).complete("m", ChatRequest.of(null, "Hi")).text()).isEqualTo("Gr\u00fc\u00df");
    server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body(new okio.Buffer().write(okio.ByteString.decodeHex("efbbbf")).writeUtf8(answer)).build());
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI_COMPATIBLE).stream("m", ChatRequest.of(null, "Hi")));
    assertThat(events).contains(new ChatEvent.LogprobsDelta(0,
        "[{\"token\":\"Gr\",\"logprob\":-0.5,\"bytes\":[71,114],\"top_logprobs\":[]}]"));
    assertThat(events).last().isInstanceOf(ChatEvent.Completed.class);
    server.enqueue(json(200, answer + " {}"));
    assertThat(drain(chat(ProviderKind.OPENAI_COMPATIBLE).stream("m", ChatRequest.of(null, "Hi")))).last()
        .isInstanceOfSatisfying(ChatEvent.Failed.class, f -> assertThat(f.error().getMessage())
            .contains("not a chat chunk"));
  }

  @Test
  void aStreamThatEndsAfterItsFinishWithoutDoneStillCompletes() {
    server.enqueue(sse("""
        data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        """));
    ChatRequest noUsage = ChatRequest.of(null, "Hi").newBuilder().includeUsage(false).build();
    assertThat(chat(ProviderKind.OPENAI_COMPATIBLE).complete("m", noUsage).text()).isEqualTo("Hi");
    server.enqueue(sse("""
        data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}

        data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}

        """));
    assertThat(chat(ProviderKind.OPENAI_COMPATIBLE).complete("m", ChatRequest.of(null, "Hi")).usage().totalTokens())
        .isEqualTo(4);
  }

  @Test
  void aStreamCutBeforeTheUsageItAskedForIsBrokenNotFree() {
    server.enqueue(sse("""
        data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        """));
    ChatEvent last = drain(chat(ProviderKind.OPENAI_COMPATIBLE).stream("m", ChatRequest.of(null, "Hi"))).getLast();
    assertThat(last).isInstanceOf(ChatEvent.Failed.class);
  }

  @Test
  void anErrorEventInsideTheStreamEndsAsAFailure() {
    server.enqueue(sse("""
        data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

        data: {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}

        """));
    ChatEvent last = drain(chat(ProviderKind.OPENAI).stream("m", ChatRequest.of(null, "Hi"))).getLast();
    assertThat(((ChatEvent.Failed) last).error()).isInstanceOf(io.modelgate.core.error.RateLimitedException.class)
        .hasMessage("Rate limit reached");
  }
}
