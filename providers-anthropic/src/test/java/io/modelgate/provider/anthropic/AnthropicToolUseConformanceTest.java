package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.chat.Usage;
import io.modelgate.provider.testkit.Fixtures;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** The shared suite again, on the SDK's recorded stream of a text block followed by a streamed tool_use block. */
class AnthropicToolUseConformanceTest extends AnthropicConformanceTest {
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}";

  @Override
  protected String chatModel() {
    return "claude-sonnet-4-20250514";
  }

  @Override
  protected ChatRequest chatRequest() {
    return ChatRequest.builder()
        .message(ChatMessage.user("What's the weather in Paris?"))
        .tools(List.of(new ToolDefinition("get_weather", "Current weather of a city", SCHEMA)))
        .build();
  }

  @Override
  protected MockResponse streamResponse() {
    return AnthropicTestSupport.sse(Fixtures.read(AnthropicTestSupport.TOOL_USE_SSE));
  }

  @Override
  protected void verifyStream(RecordedRequest request, ChatResponse reply) {
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(FAKE_KEY);
    assertThat(request.getBody().utf8()).isEqualTo("{\"model\":\"claude-sonnet-4-20250514\",\"max_tokens\":64000,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What's the weather in Paris?\"}]}],"
        + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather of a city\",\"input_schema\":"
        + SCHEMA + "}],\"stream\":true}");
    assertThat(reply.text()).isEqualTo("I'll check the current weather in Paris for you.");
    assertThat(reply.toolCalls())
        .containsExactly(new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"));
    assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(reply.usage()).isEqualTo(new Usage(377, 65, 0, 0, null));
  }

  @Override
  protected String truncatedStreamBody() {
    return AnthropicTestSupport.firstEvents(AnthropicTestSupport.TOOL_USE_SSE, 10);
  }
}
