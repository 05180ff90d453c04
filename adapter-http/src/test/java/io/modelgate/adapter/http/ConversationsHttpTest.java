package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.events;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A conversation sticks to the model that first served it, whichever door the calls come through: the
 * OpenAI-compatible API (the {@code x-modelgate-conversation-id} header) as much as {@code /ai/chat} and
 * {@code /ai/stream} ({@code conversation_id}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationsHttpTest {
  private static final String PINNED = "openai:gpt-4o-mini";

  private Harness h;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    admin = h.adminKey;
    HttpResponse<String> r = h.method("PATCH", "/api/admin/models/" + PINNED, admin, "{\"status\":\"enabled\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<String> completion(String key, String conversation, String model) {
    String body = "{" + (model == null ? "" : "\"model\":\"" + model + "\",")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpRequest.Builder b = h.request("/v1/chat/completions", key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (conversation != null) {
      b.header(Dispatcher.CONVERSATION_HEADER, conversation);
    }
    return h.send(b.build());
  }

  private String unnamedDefault() {
    HttpResponse<String> r = completion(admin, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String served = r.headers().firstValue("x-modelgate-model").orElseThrow();
    assertThat(served).as("the default must differ from the model the test pins").isNotEqualTo(PINNED);
    return served;
  }

  @Test
  void aConversationOnTheOpenAiApiPinsTheModelThatFirstServedIt() {
    String fallback = unnamedDefault();
    HttpResponse<String> first = completion(admin, "openai-door", PINNED);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

    HttpResponse<String> next = completion(admin, "openai-door", null);
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(next.headers().firstValue("x-modelgate-model")).hasValue(PINNED);
    assertThat(next.headers().firstValue("x-modelgate-route").orElseThrow()).startsWith("conversation: " + PINNED);
    assertThat(completion(admin, "another-conversation", null).headers().firstValue("x-modelgate-model"))
        .hasValue(fallback);
  }

  @Test
  void aStreamedConversationOnTheOpenAiApiPinsToo() {
    String body = "{\"model\":\"" + PINNED + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> first = h.send(h.request("/v1/chat/completions", admin)
        .header("Content-Type", "application/json").header(Dispatcher.CONVERSATION_HEADER, "openai-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(events(first.body()).getLast()).isEqualTo("[DONE]");

    assertThat(completion(admin, "openai-stream", null).headers().firstValue("x-modelgate-model")).hasValue(PINNED);
  }

  @Test
  void aiStreamAndAiChatPinTheSameWay() {
    unnamedDefault();
    HttpResponse<String> streamed = h.post("/ai/stream", admin, "{\"model\":\"" + PINNED
        + "\",\"conversation_id\":\"ai-door\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);

    HttpResponse<String> chat = h.post("/ai/chat", admin, "{\"prompt\":\"again\",\"conversation_id\":\"ai-door\"}");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(object(chat)).containsEntry("model", PINNED);
    // The same conversation named on the OpenAI door is the same conversation.
    assertThat(completion(admin, "ai-door", null).headers().firstValue("x-modelgate-model")).hasValue(PINNED);
  }

  @Test
  void aPinIsNotMovedByALaterCallThatNamesAnotherModel() {
    assertThat(completion(admin, "sticky", PINNED).statusCode()).isEqualTo(200);
    HttpResponse<String> other = completion(admin, "sticky", "demo:echo");
    assertThat(other.headers().firstValue("x-modelgate-model")).hasValue("demo:echo");
    assertThat(completion(admin, "sticky", null).headers().firstValue("x-modelgate-model")).hasValue(PINNED);
  }

  @Test
  void aCallThatNamesNoModelHasNoRequestedModelHeaderAndHasNotFallenBack() {
    HttpResponse<String> r = completion(admin, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-requested-model")).isEmpty();
    HttpResponse<String> chat = h.post("/ai/chat", admin, "{\"prompt\":\"hi\"}");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> route = (java.util.Map<String, Object>) object(chat).get("route");
    assertThat(route).containsEntry("fell_back", false);
    assertThat(completion(admin, null, PINNED).headers().firstValue("x-modelgate-requested-model"))
        .hasValue(PINNED);
  }

  @Test
  void theRequestIdOfTheResponseIsTheOneInTheUsageRecord() {
    HttpResponse<String> r = completion(admin, "ids", PINNED);
    String id = r.headers().firstValue(Call.REQUEST_ID).orElseThrow();
    assertThat(id).matches("req_[0-9a-f]{32}");
    assertThat(object(r).get("id")).isEqualTo("chatcmpl-" + id.substring(4));
    HttpResponse<String> usage = h.get("/api/admin/usage/conversations/ids", admin);
    assertThat(usage.body()).contains(id);
    List<String> ids = h.graph.usageLog().find(io.modelgate.core.usage.UsageQuery.ALL).stream()
        .map(io.modelgate.core.usage.UsageRecord::requestId).toList();
    assertThat(ids).contains(id);
  }

  @Test
  void aConversationIsItsCallersOwnAndAnotherCallerReusingItsIdGetsTheirOwn() {
    String alice = h.member("alice-c", null);
    String bob = h.member("bob-c", null);
    HttpResponse<String> node = h.post("/api/admin/ai-clients", admin, "{\"id\":\"alicebox\",\"kind\":\"demo\","
        + "\"owner\":\"" + h.userId(alice) + "\",\"visibility\":\"private\",\"approval_policy\":\"auto-enable\"}");
    assertThat(node.statusCode()).as(node.body()).isEqualTo(201);
    h.post("/api/admin/models/discover", admin, "{\"provider\":\"alicebox\",\"force\":true}");

    assertThat(completion(alice, "squatted", "alicebox:echo").statusCode()).isEqualTo(200);
    assertThat(completion(alice, "squatted", null).headers().firstValue("x-modelgate-model"))
        .hasValue("alicebox:echo");

    HttpResponse<String> bobs = completion(bob, "squatted", null);
    assertThat(bobs.statusCode()).as(bobs.body()).isEqualTo(200);
    assertThat(bobs.headers().firstValue("x-modelgate-model").orElseThrow()).doesNotStartWith("alicebox");
    assertThat(bobs.headers().map().toString()).doesNotContain("alicebox");
    // Bob's own first call pinned his own conversation; Alice's is untouched.
    assertThat(completion(bob, "squatted", null).headers().firstValue("x-modelgate-route").orElseThrow())
        .startsWith("conversation: ").doesNotContain("alicebox");
    assertThat(completion(alice, "squatted", null).headers().firstValue("x-modelgate-model"))
        .hasValue("alicebox:echo");

    HttpResponse<String> bobsUsage = h.get("/api/users/me/usage/conversations/squatted", bob);
    assertThat(bobsUsage.statusCode()).as(bobsUsage.body()).isEqualTo(200);
    assertThat(bobsUsage.body()).doesNotContain("alicebox");
    assertThat(object(bobsUsage)).containsEntry("requests", 2.0);
    HttpResponse<String> streamed = h.post("/ai/stream", bob,
        "{\"conversation_id\":\"squatted\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(streamed.body()).doesNotContain("alicebox");
  }
}
