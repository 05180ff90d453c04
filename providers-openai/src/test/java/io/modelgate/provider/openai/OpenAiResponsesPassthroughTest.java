package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.testkit.Fixtures;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A Responses API request a client sent us goes to OpenAI's own /v1/responses with nothing lost, its semantic events
 * read back as chat events; a server that only speaks chat completions gets the translation.
 */
class OpenAiResponsesPassthroughTest extends ServerTest {
  /** A client's body: items with encrypted reasoning, a built-in tool, fields we do not model, an integer limit. */
  private static final String CLIENT_BODY = "{\"model\":\"openai:gpt-5\",\"input\":[{\"type\":\"reasoning\","
      + "\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"gAAAA_opaque\"},{\"role\":\"user\",\"content\":\"hi\"}],"
      + "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"tools\":[{\"type\":\"web_search_preview\"},"
      + "{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}],"
      + "\"include\":[\"reasoning.encrypted_content\"],\"max_output_tokens\":300,\"store\":false}";

  /** Events shaped per OpenAI's Responses streaming reference: reasoning summary, text, a function call, usage. */
  private static final String EVENTS = event("response.created", "\"response\":{\"id\":\"resp_1\",\"status\":"
      + "\"in_progress\",\"output\":[]}")
      + event("response.reasoning_summary_text.delta", "\"output_index\":0,\"delta\":\"Weather needs a lookup.\"")
      + event("response.output_text.delta", "\"output_index\":1,\"delta\":\"Checking.\"")
      + event("response.output_item.added", "\"output_index\":2,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\","
          + "\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"\"}")
      + event("response.function_call_arguments.delta", "\"output_index\":2,\"delta\":\"{\\\"city\\\":\"")
      + event("response.function_call_arguments.delta", "\"output_index\":2,\"delta\":\"\\\"Paris\\\"}\"")
      + event("response.completed", "\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[],"
          + "\"usage\":{\"input_tokens\":40,\"input_tokens_details\":{\"cached_tokens\":8},\"output_tokens\":30,"
          + "\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":70}}");

  private static String event(String type, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + fields + "}\n\n";
  }

  private ChatModel chat(ProviderKind kind) {
    ProviderInstance instance = ProviderInstance.builder("test", kind).baseUrl(server.url("/v1").toString()).build();
    return new OpenAiDriver().connect(instance, Secret.of("sk-test-responses-0000000000")).chat();
  }

  private static ChatRequest request() {
    return ChatRequest.builder().message(ChatMessage.user("hi"))
        .sampling(new SamplingOptions(0.5, null, 300, List.of(), null, null, null, null, null, null))
        .original(new OriginalBody(OriginalBody.Protocol.OPENAI_RESPONSES, CLIENT_BODY)).build();
  }

  @Test
  void openAiGetsTheClientsBodyAsSentWithTheServedModelAndItsEventsComeBack() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(EVENTS).build());
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-5", request()));

    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getTarget()).isEqualTo("/v1/responses");
    String body = sent.getBody().utf8();
    assertThat(body).contains("\"encrypted_content\":\"gAAAA_opaque\"", "{\"type\":\"web_search_preview\"}",
        "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}", "\"include\":[\"reasoning.encrypted_content\"]",
        "\"max_output_tokens\":300", "\"model\":\"gpt-5\"", "\"stream\":true", "\"temperature\":0.5")
        .doesNotContain("openai:gpt-5", "300.0");

    assertThat(events).contains(new ChatEvent.ReasoningDelta("Weather needs a lookup."),
        new ChatEvent.TextDelta(0, "Checking."), new ChatEvent.ToolCallDelta(0, 0, "call_1", "get_weather", ""),
        new ChatEvent.ToolCallDelta(0, 0, null, null, "{\"city\":"));
    assertThat(events.getLast()).isEqualTo(new ChatEvent.Completed(FinishReason.TOOL_CALLS,
        new Usage(40, 30, 8, 12, null), null));
  }

  @Test
  void aRecordedStreamWithEncryptedReasoningAWebSearchAndCitationsIsHandedOnWholeAndReadInCoreTerms()
      throws Exception {
    String recorded = Fixtures.recorded("openai/responses_stream_reasoning_web_search_citations.sse");
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(recorded).build());
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-5", request()));

    // Every event about an output item goes on as OpenAI sent it, in its order; the response's own events do not.
    List<String> itemEvents = recorded.lines().filter(l -> l.startsWith("data: ") && l.contains("\"output_index\""))
        .map(l -> l.substring(6)).toList();
    List<String> natives = events.stream().filter(e -> e instanceof ChatEvent.NativeEvent)
        .map(e -> ((ChatEvent.NativeEvent) e).json()).toList();
    assertThat(natives).hasSize(65).containsExactlyElementsOf(itemEvents);
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.NativeEvent)
        .allSatisfy(e -> assertThat(((ChatEvent.NativeEvent) e).protocol())
            .isEqualTo(OriginalBody.Protocol.OPENAI_RESPONSES));
    assertThat(natives).filteredOn(j -> j.startsWith("{\"type\":\"response.output_item.done\""))
        .extracting(j -> j.replaceAll(".*?\"item\":\\{\"id\":\"([a-z]+)_.*", "$1"))
        .containsExactly("rs", "ws", "msg");
    assertThat(natives.get(36)).contains("\"encrypted_content\":\"gAAAAABpPDIVOKrs", "\"summary\":[{\"type\":"
        + "\"summary_text\",\"text\":\"**Calculating step-by-step using calculator**");
    assertThat(natives.get(41)).contains("\"type\":\"web_search_call\"", "\"query\":\"Berlin news today\"");
    assertThat(natives).filteredOn(j -> j.contains("response.output_text.annotation.added")).hasSize(6)
        .first().asString().contains("\"type\":\"url_citation\",\"end_index\":414,\"start_index\":327");

    // The same reply in core's terms, for metering and for every other protocol: reasoning, text, usage.
    String reasoning = events.stream().filter(e -> e instanceof ChatEvent.ReasoningDelta)
        .map(e -> ((ChatEvent.ReasoningDelta) e).text()).reduce("", String::concat);
    String text = events.stream().filter(e -> e instanceof ChatEvent.TextDelta)
        .map(e -> ((ChatEvent.TextDelta) e).text()).reduce("", String::concat);
    assertThat(reasoning).isEqualTo("**Calculating step-by-step using calculator**\n\nI'll compute 12 plus 7, then "
        + "multiply the result by 3, and finally multiply that by 10, reporting the final product.");
    assertThat(text).hasSize(2135).startsWith("Here’s what’s notable in Berlin today")
        .endsWith("(arts, politics, sports) from today?");
    assertThat(events.getLast()).isEqualTo(new ChatEvent.Completed(FinishReason.STOP,
        new Usage(60093, 4080, 34560, 3648, null), null));
    // Each native event comes just before what it is read into.
    int firstText = events.indexOf(events.stream().filter(e -> e instanceof ChatEvent.TextDelta).findFirst().get());
    assertThat(((ChatEvent.NativeEvent) events.get(firstText - 1)).json()).contains("response.output_text.delta");
  }

  @Test
  void aFailedResponseFailsTheStreamWithOpenAisErrorKind() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(event("response.created", "\"response\":{\"id\":\"resp_2\"}") + event("response.failed",
            "\"response\":{\"id\":\"resp_2\",\"status\":\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\","
                + "\"message\":\"Rate limit reached\"}}")).build());
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-5", request()));
    assertThat(events.getLast()).isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error()).isInstanceOf(RateLimitedException.class));
  }

  @Test
  void aServerThatOnlySpeaksChatCompletionsGetsTheTranslation() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(io.modelgate.provider.testkit.Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"))
        .build());
    drain(chat(ProviderKind.OPENAI_COMPATIBLE).stream("local-model", request()));
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getTarget()).isEqualTo("/v1/chat/completions");
    assertThat(sent.getBody().utf8()).contains("\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]")
        .doesNotContain("encrypted_content");
  }
}
