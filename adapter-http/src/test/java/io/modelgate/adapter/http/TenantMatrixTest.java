package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two members and an admin against every endpoint that takes an id of something a member owns — provider keys,
 * private providers and their models, conversations, usage, preferences, aliases: Bob reaches nothing of Alice's,
 * and what he gets for Alice's ids is exactly what he gets for ids that do not exist (status, body, and no header
 * naming her things), so he cannot even learn they exist. The admin sees Alice's things.
 */
class TenantMatrixTest {
  private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static Harness h;
  private static String alice;
  private static String bob;
  private static String aliceKeyId;

  @BeforeAll
  static void aliceOwnsThings() throws Exception {
    h = new Harness(Map.of("MODELGATE_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8,::1/128"));
    alice = h.member("alice", null);
    bob = h.member("bob", null);
    HttpResponse<String> lab = h.post("/api/ai/api-keys", alice, "{\"provider\":\"alice-lab\",\"key\":"
        + "\"sk-alice-lab-0000000000\",\"kind\":\"openai-compatible\",\"base_url\":\"" + h.upstream.url("/v1") + "\"}");
    assertThat(lab.statusCode()).as(lab.body()).isEqualTo(201);
    HttpResponse<String> named = h.post("/api/ai/api-keys", alice, "{\"provider\":\"openai\",\"key_name\":\"work\","
        + "\"api_key\":\"sk-alice-work-0000000000\"}");
    assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
    aliceKeyId = String.valueOf(((Number) Harness.object(named).get("id")).longValue());
    for (String conversation : List.of("conv-alice-1", "conv-alice-2")) {
      HttpResponse<String> chat = h.send(h.request("/v1/chat/completions", alice)
          .header("Content-Type", "application/json").header(Dispatcher.CONVERSATION_HEADER, conversation)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT.formatted("alice-lab:gpt-4o-mini"))).build());
      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    }
    HttpResponse<String> prefs = h.method("PUT", "/api/users/me/preferences", alice,
        "{\"default_models\":{\"text\":\"alice-lab:gpt-4o-mini\"}}");
    assertThat(prefs.statusCode()).as(prefs.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  /** A response with the id replaced by a placeholder and per-request values removed, for comparison. */
  private static String shape(HttpResponse<String> r, String id) {
    String body = r.body().replace(id, "{id}").replaceAll("\"(created|id|request_id)\":\"?[^,\"}]*\"?", "\"$1\":_")
        .replaceAll("req_[A-Za-z0-9-]+", "req");
    return r.statusCode() + " " + body;
  }

  private static void sameAsForANonexistentId(String method, String pathOrModel, String alices, String ghost,
      String body) {
    HttpResponse<String> forAlices = call(method, pathOrModel.replace("{id}", alices), body == null ? null
        : body.replace("{id}", alices));
    HttpResponse<String> forGhost = call(method, pathOrModel.replace("{id}", ghost), body == null ? null
        : body.replace("{id}", ghost));
    assertThat(forAlices.statusCode()).as(method + " " + pathOrModel + ": " + forAlices.body())
        .isBetween(400, 499);
    assertThat(shape(forAlices, alices)).as(method + " " + pathOrModel).isEqualTo(shape(forGhost, ghost));
    assertThat(forAlices.headers().map().toString()).doesNotContain("alice");
  }

  private static HttpResponse<String> call(String method, String path, String body) {
    return switch (method) {
      case "GET" -> h.get(path, bob);
      case "POST" -> h.post(path, bob, body);
      default -> h.method(method, path, bob, body);
    };
  }

  @Test
  void bobCannotReachOrDetectAlicesPrivateProviderOrItsModels() {
    sameAsForANonexistentId("GET", "/v1/models/{id}", "alice-lab:gpt-4o-mini", "ghost-lab:gpt-4o-mini", null);
    sameAsForANonexistentId("POST", "/v1/chat/completions", "alice-lab:gpt-4o-mini", "ghost-lab:gpt-4o-mini",
        CHAT.formatted("{id}"));
    sameAsForANonexistentId("POST", "/ai/chat", "alice-lab:gpt-4o-mini", "ghost-lab:gpt-4o-mini",
        CHAT.formatted("{id}"));
    for (String listing : List.of("/v1/models", "/ai/models", "/api/models")) {
      assertThat(h.get(listing, bob).body()).as(listing).doesNotContain("alice-lab");
    }
    assertThat(h.get("/ai/models", alice).body()).contains("alice-lab");
  }

  @Test
  void bobCannotUseRemoveOrDetectAlicesKeys() {
    sameAsForANonexistentId("DELETE", "/api/ai/api-keys/{id}", aliceKeyId, "987654321", null);
    sameAsForANonexistentId("DELETE", "/api/ai/api-keys/{id}", "alice-lab", "ghost-lab", null);
    sameAsForANonexistentId("POST", "/api/ai/api-keys", "alice-lab", "ghost-lab",
        "{\"provider\":\"{id}\",\"key\":\"sk-bob-0000000000000\"}");
    assertThat(h.get("/api/ai/api-keys", bob).body()).doesNotContain("alice").doesNotContain(aliceKeyId + ",");
    assertThat(h.get("/api/ai/api-keys", alice).body()).contains("alice-lab").contains("work");
  }

  @Test
  void bobCannotReadAlicesConversationsOrUsage() {
    sameAsForANonexistentIdOrEmpty("/api/users/me/usage/conversations/{id}", "conv-alice-2", "conv-ghost-2");
    String usage = h.get("/api/users/me/usage?group_by=model", bob).body();
    assertThat(usage).doesNotContain("alice-lab");
    assertThat(h.get("/api/users/me/usage/conversations/conv-alice-2", alice).body()).contains("alice-lab");
  }

  private static void sameAsForANonexistentIdOrEmpty(String path, String alices, String ghost) {
    HttpResponse<String> forAlices = h.get(path.replace("{id}", alices), bob);
    HttpResponse<String> forGhost = h.get(path.replace("{id}", ghost), bob);
    assertThat(shape(forAlices, alices)).isEqualTo(shape(forGhost, ghost));
    assertThat(forAlices.body()).doesNotContain("alice-lab");
  }

  @Test
  void bobReusingAlicesConversationIdLearnsNothingOfHers() {
    HttpResponse<String> r = h.send(h.request("/v1/chat/completions", bob)
        .header("Content-Type", "application/json").header(Dispatcher.CONVERSATION_HEADER, "conv-alice-1")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().map().toString()).doesNotContain("alice");
    assertThat(r.body()).doesNotContain("alice");
  }

  @Test
  void bobCannotMakeAlicesModelHisDefault() {
    sameAsForANonexistentId("PUT", "/api/users/me/preferences", "alice-lab:gpt-4o-mini", "ghost-lab:gpt-4o-mini",
        "{\"default_models\":{\"text\":\"{id}\"}}");
    assertThat(h.get("/api/users/me/preferences", bob).body()).doesNotContain("alice-lab");
    assertThat(h.get("/api/users/me/preferences", alice).body()).contains("alice-lab:gpt-4o-mini");
  }

  @Test
  void aliasesAndOtherUsersAreForAdminsOnly() {
    String aliceId = h.userId(alice);
    for (String path : List.of("/api/admin/aliases", "/api/admin/users", "/api/admin/providers/alice-lab",
        "/api/admin/usage/conversations/conv-alice-1", "/api/admin/users/" + aliceId + "/keys")) {
      HttpResponse<String> r = h.get(path, bob);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).doesNotContain("alice");
    }
    assertThat(h.get("/api/admin/providers/alice-lab", h.adminKey).statusCode()).isEqualTo(200);
    assertThat(h.get("/api/admin/usage/conversations/conv-alice-1", h.adminKey).body()).contains("alice-lab");
  }
}
