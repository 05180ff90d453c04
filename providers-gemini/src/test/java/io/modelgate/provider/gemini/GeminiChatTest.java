package io.modelgate.provider.gemini;

import static io.modelgate.provider.gemini.GeminiTesting.at;
import static io.modelgate.provider.gemini.GeminiTesting.body;
import static io.modelgate.provider.gemini.GeminiTesting.drain;
import static io.modelgate.provider.gemini.GeminiTesting.sseOf;
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
import io.modelgate.core.error.ContentFilteredException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiChatTest {
  private static final String MODEL = "gemini-2.5-flash";
  private static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"],"
          + "\"additionalProperties\":false}";

  private final MockWebServer server = new MockWebServer();
  private ChatModel chat;

  @BeforeEach
  void start() throws Exception {
    server.start();
    chat = new GeminiDriver().connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY)).chat();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(1, TimeUnit.SECONDS);
  }

  private static ChatMessage message(Role role, String text) {
    return new ChatMessage(role, List.of(ContentPart.text(text)), null, List.of(), null);
  }

  @Test
  void rolesMapToGeminiTurnsAndSystemToSystemInstruction() throws Exception {
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    chat.complete(MODEL, ChatRequest.builder()
        .message(ChatMessage.system("You are terse."))
        .message(ChatMessage.user("What is the capital of Wyoming?"))
        .message(ChatMessage.assistant("Cheyenne."))
        .message(ChatMessage.system("Answer in French."))
        .message(ChatMessage.user("And of Montana?"))
        .build());
    Map<String, Object> body = body(taken());
    assertThat(at(body, "systemInstruction", "parts")).isEqualTo(
        List.of(Map.of("text", "You are terse."), Map.of("text", "Answer in French.")));
    assertThat(at(body, "systemInstruction")).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) at(body, "systemInstruction")).containsKey("role")).isFalse();
    assertThat(at(body, "contents")).isEqualTo(List.of(
        Map.of("role", "user", "parts", List.of(Map.of("text", "What is the capital of Wyoming?"))),
        Map.of("role", "model", "parts", List.of(Map.of("text", "Cheyenne."))),
        Map.of("role", "user", "parts", List.of(Map.of("text", "And of Montana?")))));
  }

  @Test
  void samplingAndResponseFormatGoToGenerationConfig() throws Exception {
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    SamplingOptions sampling = new SamplingOptions(0.2, 0.9, 256, List.of("END"), 42L, 0.5, 0.25, 2, true, 3);
    chat.complete(MODEL, ChatRequest.builder().message(ChatMessage.user("Hi")).sampling(sampling)
        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
        .extension("topK", 40)
        .extension("user", "not-for-gemini")
        .build());
    Map<String, Object> body = body(taken());
    assertThat(generationConfig(body)).containsAllEntriesOf(Map.ofEntries(
        Map.entry("temperature", 0.2), Map.entry("topP", 0.9), Map.entry("topK", 40.0),
        Map.entry("maxOutputTokens", 256.0), Map.entry("stopSequences", List.of("END")), Map.entry("seed", 42.0),
        Map.entry("candidateCount", 2.0), Map.entry("presencePenalty", 0.5), Map.entry("frequencyPenalty", 0.25),
        Map.entry("responseLogprobs", true), Map.entry("logprobs", 3.0),
        Map.entry("responseMimeType", "application/json"),
        Map.entry("responseJsonSchema", Map.of("type", "object", "properties",
            Map.of("city", Map.of("type", "string"))))));
    assertThat(body).doesNotContainKey("user");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> generationConfig(Map<String, Object> body) {
    return (Map<String, Object>) body.get("generationConfig");
  }

  @Test
  void toolsBecomeFunctionDeclarationsAndToolChoiceAFunctionCallingMode() throws Exception {
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    chat.complete(MODEL, ChatRequest.builder().message(ChatMessage.user("Weather in Paris?"))
        .tools(List.of(new ToolDefinition("get_weather", "Current weather", WEATHER_SCHEMA)))
        .toolChoice("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")
        .build());
    Map<String, Object> body = body(taken());
    assertThat(at(body, "tools", 0, "functionDeclarations", 0, "name")).isEqualTo("get_weather");
    assertThat(at(body, "tools", 0, "functionDeclarations", 0, "description")).isEqualTo("Current weather");
    assertThat(at(body, "tools", 0, "functionDeclarations", 0, "parametersJsonSchema", "additionalProperties"))
        .isEqualTo(false);
    assertThat(at(body, "toolConfig", "functionCallingConfig")).isEqualTo(
        Map.of("mode", "ANY", "allowedFunctionNames", List.of("get_weather")));
  }

  @Test
  void functionCallRoundTripKeepsNameArgumentsAndThoughtSignature() throws Exception {
    // Shape per https://ai.google.dev/gemini-api/docs/function-calling (a functionCall part, no id, with the
    // thoughtSignature thinking models attach); constructed, as no recorded function-call stream is in fixtures.
    server.enqueue(GeminiTesting.sse(sseOf(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":"
            + "{\"location\":\"Paris\"}},\"thoughtSignature\":\"CiQBVKhc7sig\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"STOP\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":50,\"candidatesTokenCount\":15,\"totalTokenCount\":65}}")));
    ChatResponse first = chat.complete(MODEL, ChatRequest.builder().message(ChatMessage.user("Weather in Paris?"))
        .tools(List.of(new ToolDefinition("get_weather", null, WEATHER_SCHEMA))).build());
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(first.toolCalls()).hasSize(1);
    ToolCall call = first.toolCalls().getFirst();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).isEqualTo("{\"location\":\"Paris\"}");
    assertThat(call.id()).startsWith("gcall_");
    taken();

    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    chat.complete(MODEL, ChatRequest.builder()
        .message(ChatMessage.user("Weather in Paris?"))
        .message(new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(call), null))
        .message(ChatMessage.toolResult(call.id(), "{\"temperature\":21,\"unit\":\"C\"}"))
        .message(ChatMessage.toolResult(call.id(), "sunny"))
        .tools(List.of(new ToolDefinition("get_weather", null, WEATHER_SCHEMA))).build());
    Map<String, Object> body = body(taken());
    assertThat(at(body, "contents", 1)).isEqualTo(Map.of("role", "model", "parts", List.of(Map.of(
        "functionCall", Map.of("name", "get_weather", "args", Map.of("location", "Paris")),
        "thoughtSignature", "CiQBVKhc7sig"))));
    assertThat(at(body, "contents", 2)).as("both results in one user turn").isEqualTo(Map.of("role", "user",
        "parts", List.of(
            Map.of("functionResponse", Map.of("name", "get_weather",
                "response", Map.of("temperature", 21.0, "unit", "C"))),
            Map.of("functionResponse", Map.of("name", "get_weather", "response", Map.of("result", "sunny"))))));
  }

  @Test
  void geminiOwnFunctionCallIdsAreKeptAndSentBack() throws Exception {
    server.enqueue(GeminiTesting.sse(sseOf(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"fc-1\",\"name\":\"a\",\"args\":{}}},"
            + "{\"functionCall\":{\"id\":\"fc-2\",\"name\":\"b\"}}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}")));
    List<ChatEvent> events = drain(chat.stream(MODEL, ChatRequest.of(null, "go")));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolCallDelta).containsExactly(
        new ChatEvent.ToolCallDelta(0, 0, "fc-1", "a", "{}"),
        new ChatEvent.ToolCallDelta(0, 1, "fc-2", "b", "{}"));
    taken();
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    chat.complete(MODEL, ChatRequest.builder().message(ChatMessage.user("go"))
        .message(new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(new ToolCall("fc-1", "a", "{}")), null))
        .message(ChatMessage.toolResult("fc-1", "42")).build());
    Map<String, Object> body = body(taken());
    assertThat(at(body, "contents", 1, "parts", 0, "functionCall", "id")).isEqualTo("fc-1");
    assertThat(at(body, "contents", 2, "parts", 0, "functionResponse")).isEqualTo(
        Map.of("id", "fc-1", "name", "a", "response", Map.of("result", 42.0)));
  }

  @Test
  void aToolResultWithoutAKnownCallIsRefusedBeforeAnyCall() {
    List<ChatEvent> events = drain(chat.stream(MODEL, ChatRequest.builder()
        .message(ChatMessage.toolResult("unknown", "x")).build()));
    assertThat(events).singleElement().isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error()).isInstanceOf(InvalidRequestException.class));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void imagePartsBecomeInlineDataOrFileData() throws Exception {
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    chat.complete(MODEL, ChatRequest.builder().message(new ChatMessage(Role.USER, List.of(
        ContentPart.text("What is in these?"),
        new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null),
        new ContentPart.Image("https://example.com/cat.jpg", "high")), null, List.of(), null)).build());
    Map<String, Object> body = body(taken());
    assertThat(at(body, "contents", 0, "parts", 1)).isEqualTo(
        Map.of("inlineData", Map.of("mimeType", "image/png", "data", "iVBORw0KGgo=")));
    assertThat(at(body, "contents", 0, "parts", 2)).isEqualTo(
        Map.of("fileData", Map.of("mimeType", "image/jpeg", "fileUri", "https://example.com/cat.jpg")));
  }

  @Test
  void safetyFinishIsAContentFilterNamingTheReason() {
    String chunk = Fixtures.read("gemini/generateContent_response_finish_reason_safety.json").replaceAll("\\s*\n\\s*", "");
    server.enqueue(GeminiTesting.sse(sseOf(chunk)));
    ChatResponse reply = chat.complete(MODEL, ChatRequest.of(null, "Hello!"));
    assertThat(reply.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(reply.finishDetail()).isEqualTo("SAFETY");
    assertThat(reply.text()).isEqualTo("Safety error incoming in 5, 4, 3, 2...");
    assertThat(reply.usage()).isEqualTo(Usage.of(7, 20));
  }

  /** A prompt Gemini blocks: the stream it sends (shape per ai.google.dev PromptFeedback), then what we make of it. */
  private static final String BLOCKED = "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":["
      + "{\"category\":\"HARM_CATEGORY_SEXUALLY_EXPLICIT\",\"probability\":\"NEGLIGIBLE\"},"
      + "{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"probability\":\"NEGLIGIBLE\"},"
      + "{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"probability\":\"LOW\"},"
      + "{\"category\":\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"probability\":\"HIGH\",\"blocked\":true}]},"
      + "\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8},\"modelVersion\":\"gemini-2.0-flash\"}";

  @Test
  void aBlockedPromptFailsNamingTheReasonAndCategoryNeverAnEmptyCleanStop() {
    server.enqueue(GeminiTesting.sse(sseOf(BLOCKED)));
    List<ChatEvent> events = drain(chat.stream(MODEL, ChatRequest.of(null, "something bad")));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.UsageReport)
        .containsExactly(new ChatEvent.UsageReport(Usage.of(8, 0)));
    assertThat(events.getLast()).isInstanceOf(ChatEvent.Failed.class);
    ModelgateException error = ((ChatEvent.Failed) events.getLast()).error();
    assertThat(error).isInstanceOf(ContentFilteredException.class);
    assertThat(error.code()).isEqualTo("content_filter");
    assertThat(error.retriable()).isFalse();
    assertThat(error.getMessage()).isEqualTo(
        "Gemini blocked the prompt (SAFETY); categories: HARM_CATEGORY_DANGEROUS_CONTENT (HIGH)");
  }

  @Test
  void aBlockedPromptFailsTheBlockingCallTooWithTheReason() {
    server.enqueue(GeminiTesting.sse(sseOf(BLOCKED)));
    assertThatThrownBy(() -> chat.complete(MODEL, ChatRequest.of(null, "something bad")))
        .isInstanceOf(ContentFilteredException.class).hasMessageContaining("HARM_CATEGORY_DANGEROUS_CONTENT");
  }

  @Test
  void maxTokensIsALengthFinish() {
    server.enqueue(GeminiTesting.sse(sseOf(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Once upon\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"MAX_TOKENS\"}]}")));
    assertThat(chat.complete(MODEL, ChatRequest.of(null, "story")).finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void thoughtsAreReasoningAndCountAsCompletionTokens() {
    server.enqueue(GeminiTesting.sse(sseOf(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me think.\",\"thought\":true}],\"role\":\"model\"}}],"
            + "\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12}}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"42\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
            + "\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":2,\"thoughtsTokenCount\":30,"
            + "\"cachedContentTokenCount\":4,\"totalTokenCount\":44}}")));
    ChatResponse reply = chat.complete(MODEL, ChatRequest.of(null, "meaning of life?"));
    assertThat(reply.reasoning()).isEqualTo("Let me think.");
    assertThat(reply.text()).isEqualTo("42");
    assertThat(reply.usage()).isEqualTo(new Usage(12, 32, 4, 30, null));
  }

  @Test
  void longStreamDeliversEveryDeltaAndTheFinalUsage() {
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_long.sse")));
    List<ChatEvent> events = drain(chat.stream(MODEL, ChatRequest.of(null, "cats and dogs")));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.TextDelta).hasSize(36);
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.UsageReport).hasSize(2);
    assertThat(events.getLast()).isEqualTo(new ChatEvent.Completed(FinishReason.STOP, Usage.of(10, 1996), "STOP"));
  }

  @Test
  void severalCandidatesStreamAsSeparateChoicesAndFinishWhenAllHave() {
    server.enqueue(GeminiTesting.sse(sseOf(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}],\"role\":\"model\"},\"index\":0},"
            + "{\"content\":{\"parts\":[{\"text\":\"B\"}],\"role\":\"model\"},\"index\":1}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":\"model\"},\"finishReason\":\"STOP\","
            + "\"index\":0}]}")));
    List<ChatEvent> events = drain(chat.stream(MODEL, ChatRequest.of(null, "two")));
    assertThat(events).contains(new ChatEvent.TextDelta(0, "A"), new ChatEvent.TextDelta(1, "B"));
    assertThat(events.getLast()).as("candidate 1 never finished")
        .isInstanceOf(ChatEvent.Failed.class);
  }

  @Test
  void errorEventMidStreamEndsWithTheMappedError() {
    server.enqueue(GeminiTesting.sse(GeminiTesting.events(
        Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")).getFirst() + "\r\n\r\n"
        + "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n"));
    List<ChatEvent> events = drain(chat.stream(MODEL, ChatRequest.of(null, "Hello!")));
    assertThat(events.getFirst()).isEqualTo(new ChatEvent.ResponseIdentity(null, "gemini-2.0-flash"));
    assertThat(events.get(1)).isEqualTo(new ChatEvent.TextDelta(0, "The"));
    assertThat(events.getLast()).isInstanceOfSatisfying(ChatEvent.Failed.class, f -> {
      assertThat(f.error()).isInstanceOf(UpstreamUnavailableException.class);
      assertThat(f.error().getMessage()).isEqualTo("The model is overloaded.");
    });
  }

  @Test
  void commentLinesAreIgnored() {
    server.enqueue(GeminiTesting.sse(": keep-alive\n\n"
        + Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse").replace("\r\n\r\n", "\n\n: ping\n\n")));
    assertThat(chat.complete(MODEL, ChatRequest.of(null, "Hello!")).text())
        .isEqualTo("The capital of Wyoming is **Cheyenne**.\n");
  }

  @Test
  void keyIsSentOnlyInTheHeader() throws Exception {
    server.enqueue(GeminiTesting.sse(Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse")));
    chat.complete("models/" + MODEL, ChatRequest.of(null, "Hello!"));
    RecordedRequest request = taken();
    assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiTesting.KEY);
    assertThat(request.getUrl().toString()).doesNotContain(GeminiTesting.KEY);
    assertThat(request.getUrl().queryParameterNames()).containsExactly("alt");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(request.getBody().utf8()).doesNotContain(GeminiTesting.KEY);
  }
}
