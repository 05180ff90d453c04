package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.error.InvalidRequestException;
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

/** What {@code POST /v1/messages} carries for a core chat request: headers and body, compared as sent. */
class AnthropicRequestMappingTest {
  private static final String KEY = "sk-ant-test-mapping-000000000000";
  private static final String WEATHER_SCHEMA = "{\"additionalProperties\":false,\"properties\":{\"location\":"
      + "{\"title\":\"Location\",\"type\":\"string\"},\"units\":{\"enum\":[\"c\",\"f\"],\"title\":\"Units\","
      + "\"type\":\"string\"}},\"required\":[\"location\",\"units\"],\"type\":\"object\"}";

  private final MockWebServer server = new MockWebServer();
  private ChatModel chat;

  @BeforeEach
  void start() throws Exception {
    server.start();
    chat = new AnthropicDriver().connect(AnthropicTestSupport.instance(server, Map.of()), Secret.of(KEY)).chat();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RecordedRequest send(String model, ChatRequest request) throws Exception {
    server.enqueue(AnthropicTestSupport.sse(Fixtures.read(AnthropicTestSupport.BASIC_SSE)));
    chat.complete(model, request);
    return server.takeRequest(1, TimeUnit.SECONDS);
  }

  @Test
  void aMessagesBodyFromTheClientGoesOutByteForByteWithOnlyModelAndStreamSet() throws Exception {
    String original = "{\"model\":\"anthropic:claude-x\",\"max_tokens\":100,\"stream\":false,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"S\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\","
        + "\"signature\":\"SIG\"}]},{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":5,"
        + "\"tools\":[{\"name\":\"x\",\"input_schema\":{\"type\":\"object\",\"minimum\":2}}]}";
    ChatRequest request = ChatRequest.builder().message(ChatMessage.user("hi"))
        .original(new io.modelgate.core.chat.OriginalBody(
            io.modelgate.core.chat.OriginalBody.Protocol.ANTHROPIC_MESSAGES, original))
        .build();
    String sent = send("claude-haiku-4-5", request).getBody().utf8();
    assertThat(sent).isEqualTo("{\"max_tokens\":100,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"S\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\","
        + "\"signature\":\"SIG\"}]},{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":5,"
        + "\"tools\":[{\"name\":\"x\",\"input_schema\":{\"type\":\"object\",\"minimum\":2}}],"
        + "\"model\":\"claude-haiku-4-5\",\"stream\":true}");
  }

  private String passedThrough(String original) throws Exception {
    ChatRequest request = ChatRequest.builder().message(ChatMessage.user("hi"))
        .original(new io.modelgate.core.chat.OriginalBody(
            io.modelgate.core.chat.OriginalBody.Protocol.ANTHROPIC_MESSAGES, original))
        .build();
    return send("claude-haiku-4-5", request).getBody().utf8();
  }

  @Test
  void unsignedThinkingIsLeftOutWhileSignedAndRedactedThinkingStayByteForByte() throws Exception {
    // A conversation that went through another provider first: its thinking came back to the client unsigned.
    String sent = passedThrough("{\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"list files\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"from gpt\",\"signature\":\"\"},"
        + "{\"type\":\"thinking\",\"thinking\":\"no signature at all\"},"
        + "{\"type\":\"thinking\",\"thinking\":\"signed\",\"signature\":\"EqQBCkgIARABGAIiQL2sig==\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix\"},"
        + "{\"type\":\"text\",\"text\":\"Let me look.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\",\"input\":{\"n\":2}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
        + "\"content\":\"a\"}]}]}");
    assertThat(sent).isEqualTo("{\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"list files\"},"
        + "{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"thinking\",\"thinking\":\"signed\",\"signature\":\"EqQBCkgIARABGAIiQL2sig==\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix\"},"
        + "{\"type\":\"text\",\"text\":\"Let me look.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\",\"input\":{\"n\":2}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
        + "\"content\":\"a\"}]}],"
        + "\"model\":\"claude-haiku-4-5\",\"stream\":true}");
  }

  @Test
  void anAssistantTurnOfOnlyUnsignedThinkingIsLeftOutAndTheRequestStaysValid() throws Exception {
    String sent = passedThrough("{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"from gemini\","
        + "\"signature\":\"\"}]},{\"role\":\"user\",\"content\":\"and now?\"}]}");
    assertThat(sent).isEqualTo("{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"user\",\"content\":\"and now?\"}],\"model\":\"claude-haiku-4-5\",\"stream\":true}");
    // Anthropic joins consecutive turns of one role; what it refuses is an empty content list, and none is left.
    assertThat(sent).doesNotContain("\"content\":[]", "thinking");
  }

  @Test
  void aToolTurnWhoseThinkingWasUnsignedLeavesThinkingOffSoAnthropicStillAnswers() throws Exception {
    // Claude Code's loop, the last turn served by another provider: Anthropic wants that tool turn to start with
    // its own thinking while thinking is enabled, and there is none left to give it.
    String toolLoop = "\"messages\":[{\"role\":\"user\",\"content\":\"list files\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"from gpt\",\"signature\":\"\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\",\"input\":{}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
        + "\"content\":\"a\"}]}]";
    assertThat(passedThrough("{\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
        + toolLoop + "}")).isEqualTo("{\"max_tokens\":2000,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"list files\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\","
        + "\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
        + "\"content\":\"a\"}]}],\"model\":\"claude-haiku-4-5\",\"stream\":true}");
    // A later assistant turn of Anthropic's own, signed, keeps thinking on.
    String signedLater = toolLoop.substring(0, toolLoop.length() - 1)
        + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"SIG\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"Bash\",\"input\":{}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_02\","
        + "\"content\":\"b\"}]}]";
    assertThat(passedThrough("{\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
        + signedLater + "}")).contains("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}",
        "\"signature\":\"SIG\"").doesNotContain("from gpt");
  }

  @Test
  void keyAndVersionTravelInHeadersOnly() throws Exception {
    RecordedRequest request = send("claude-haiku-4-5", ChatRequest.of(null, "Hi"));
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
    assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    assertThat(request.getUrl().toString()).doesNotContain(KEY);
    assertThat(request.getBody().utf8()).doesNotContain(KEY);
  }

  @Test
  void systemMessagesBecomeTheTopLevelSystemPrompt() throws Exception {
    ChatRequest request = ChatRequest.builder()
        .message(ChatMessage.system("Be brief."))
        .message(ChatMessage.user("Hi"))
        .message(ChatMessage.system("Answer in French."))
        .build();
    assertThat(send("claude-haiku-4-5", request).getBody().utf8()).isEqualTo(
        "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64000,\"system\":\"Be brief.\\n\\nAnswer in French.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}],\"stream\":true}");
  }

  @Test
  void toolCallsAndToolResultsBecomeToolUseAndToolResultBlocks() throws Exception {
    // The conversation of the fixture messages_text_after_tool_result_request.json, from core types.
    ChatRequest request = ChatRequest.builder()
        .message(ChatMessage.user("What's the weather in SF in Celsius?"))
        .message(new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(new ToolCall(
            "toolu_013DU6hV4C1M8dJ32ybQFAFi", "get_weather", "{\"location\": \"SF\", \"units\": \"c\"}")), null))
        .message(ChatMessage.toolResult("toolu_013DU6hV4C1M8dJ32ybQFAFi",
            "{\"location\": \"SF\", \"temperature\": \"20\\u00b0C\", \"condition\": \"Sunny\"}"))
        .tools(List.of(new ToolDefinition("get_weather", "", WEATHER_SCHEMA)))
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(1024))
        .build();
    String body = send("claude-haiku-4-5", request).getBody().utf8();
    assertThat(body).isEqualTo("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1024,\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What's the weather in SF in Celsius?\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_013DU6hV4C1M8dJ32ybQFAFi\","
        + "\"name\":\"get_weather\",\"input\":{\"location\": \"SF\", \"units\": \"c\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_013DU6hV4C1M8dJ32ybQFAFi\","
        + "\"content\":\"{\\\"location\\\": \\\"SF\\\", \\\"temperature\\\": \\\"20\\\\u00b0C\\\", "
        + "\\\"condition\\\": \\\"Sunny\\\"}\"}]}],"
        + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"\",\"input_schema\":" + WEATHER_SCHEMA + "}],"
        + "\"stream\":true}");
  }

  @Test
  void consecutiveToolResultsAndAFollowingUserTextShareOneUserMessage() throws Exception {
    ChatRequest request = ChatRequest.builder()
        .message(ChatMessage.user("Weather in SF and LA?"))
        .message(new ChatMessage(Role.ASSISTANT, List.of(ContentPart.text("Checking.")), null, List.of(
            new ToolCall("toolu_1", "get_weather", "{\"location\":\"SF\"}"),
            new ToolCall("toolu_2", "get_weather", "{\"location\":\"LA\"}")), null))
        .message(ChatMessage.toolResult("toolu_1", "20C"))
        .message(ChatMessage.toolResult("toolu_2", "25C"))
        .message(ChatMessage.user("Which is warmer?"))
        .build();
    String body = send("claude-haiku-4-5", request).getBody().utf8();
    assertThat(body).contains("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Checking.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"location\":\"SF\"}},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"get_weather\",\"input\":{\"location\":\"LA\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"20C\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":\"25C\"},"
        + "{\"type\":\"text\",\"text\":\"Which is warmer?\"}]}]");
  }

  @Test
  void maxTokensComesFromTheRequestElseTheCuratedMaximumElse4096() throws Exception {
    ChatRequest plain = ChatRequest.of(null, "Hi");
    assertThat(send("claude-opus-4-1-20250805", plain).getBody().utf8()).contains("\"max_tokens\":32000");
    assertThat(send("claude-unknown-9", plain).getBody().utf8()).contains("\"max_tokens\":4096");
    ChatRequest asked = plain.newBuilder().sampling(SamplingOptions.DEFAULTS.withMaxTokens(200)).build();
    assertThat(send("claude-opus-4-1", asked).getBody().utf8()).contains("\"max_tokens\":200");
  }

  @Test
  void samplingOptionsAnthropicKnowsAreSentAndTheOthersAreNot() throws Exception {
    SamplingOptions sampling = new SamplingOptions(0.2, 0.9, 300, List.of("END"), 42L, 0.5, 0.5, null, true, 3);
    ChatRequest request = ChatRequest.builder().message(ChatMessage.user("Hi")).sampling(sampling)
        .extension("top_k", 5).extension("user", "someone").build();
    String body = send("claude-haiku-4-5", request).getBody().utf8();
    assertThat(body).contains("\"temperature\":0.2", "\"top_p\":0.9", "\"stop_sequences\":[\"END\"]",
        "\"max_tokens\":300", "\"top_k\":5");
    assertThat(body).doesNotContain("seed", "penalty", "logprobs", "\"user\":");
  }

  @Test
  void imagesBecomeBase64OrUrlImageBlocks() throws Exception {
    ChatRequest request = ChatRequest.builder().message(new ChatMessage(Role.USER, List.of(
        ContentPart.text("What is this?"),
        new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null),
        new ContentPart.Image("https://example.com/cat.jpg", null)), null, List.of(), null)).build();
    assertThat(send("claude-haiku-4-5", request).getBody().utf8()).contains(
        "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}",
        "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.jpg\"}}");
  }

  @Test
  void toolChoiceMapsToAnthropicsShapes() throws Exception {
    ChatRequest base = ChatRequest.builder().message(ChatMessage.user("Hi"))
        .tools(List.of(new ToolDefinition("get_weather", null, null))).build();
    assertThat(send("claude-haiku-4-5", base.newBuilder().toolChoice("auto").build()).getBody().utf8())
        .contains("\"tool_choice\":{\"type\":\"auto\"}");
    assertThat(send("claude-haiku-4-5", base.newBuilder().toolChoice("required").build()).getBody().utf8())
        .contains("\"tool_choice\":{\"type\":\"any\"}");
    assertThat(send("claude-haiku-4-5", base.newBuilder().toolChoice("none").build()).getBody().utf8())
        .contains("\"tool_choice\":{\"type\":\"none\"}");
    assertThat(send("claude-haiku-4-5", base.newBuilder().toolChoice("get_weather").build()).getBody().utf8())
        .contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"}");
    assertThat(send("claude-haiku-4-5", base.newBuilder()
        .toolChoice("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}").build()).getBody().utf8())
        .contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"}");
  }

  @Test
  void jsonSchemaResponseFormatBecomesOutputConfigAsInTheFixture() throws Exception {
    String schema = "{\"type\":\"object\",\"title\":\"OrderItem\",\"properties\":{\"product_name\":{\"type\":"
        + "\"string\",\"title\":\"Product Name\"},\"price\":{\"type\":\"number\",\"title\":\"Price\"},\"quantity\":"
        + "{\"type\":\"integer\",\"title\":\"Quantity\"}},\"additionalProperties\":false,\"required\":"
        + "[\"product_name\",\"price\",\"quantity\"]}";
    ChatRequest request = ChatRequest.builder()
        .message(ChatMessage.user("Extract: I want to order 2 Green Tea at $5.50 each"))
        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "OrderItem", schema))
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(1024))
        .build();
    String body = send("claude-sonnet-4-5", request).getBody().utf8();
    assertThat(body).contains("\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}}");
    assertThat(Fixtures.read("anthropic/messages_structured_output_request.json"))
        .contains("\"output_config\"", "\"format\"", "\"type\": \"json_schema\"");
  }

  @Test
  void jsonObjectModeAndBadToolArgumentsFailTheStreamAsInvalidRequests() {
    ChatRequest jsonObject = ChatRequest.builder().message(ChatMessage.user("Hi"))
        .responseFormat(ResponseFormat.JSON_OBJECT).build();
    ChatRequest badArguments = ChatRequest.builder().message(new ChatMessage(Role.ASSISTANT, List.of(), null,
        List.of(new ToolCall("toolu_1", "f", "{not json")), null)).build();
    for (ChatRequest request : List.of(jsonObject, badArguments)) {
      try (ChatStream stream = chat.stream("claude-haiku-4-5", request)) {
        ChatEvent event = stream.next();
        assertThat(event).isInstanceOf(ChatEvent.Failed.class);
        assertThat(((ChatEvent.Failed) event).error()).isInstanceOf(InvalidRequestException.class);
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
