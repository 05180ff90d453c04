package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** A user's own provider keys: used for that user's calls first, and what only their key reaches is theirs alone. */
class OwnKeysHttpTest {
  private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void aUsersOwnKeyIsSentUpstreamForTheirCallsAndTheSharedKeyForOthers() throws Exception {
    try (Harness h = new Harness()) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}");
      String alice = h.member("alice", null);
      String bob = h.member("bob", null);
      assertThat(h.post("/api/ai/api-keys", alice, "{\"provider\":\"openai\",\"key\":\"sk-alice-own-0000000000\"}")
          .statusCode()).isEqualTo(201);
      h.upstreamRequests.clear();
      assertThat(h.post("/v1/chat/completions", alice, CHAT.formatted("openai:gpt-4o-mini")).statusCode())
          .isEqualTo(200);
      assertThat(h.post("/v1/chat/completions", bob, CHAT.formatted("openai:gpt-4o-mini")).statusCode())
          .isEqualTo(200);
      assertThat(h.upstreamRequests).filteredOn(r -> r.getTarget().endsWith("/chat/completions"))
          .extracting(r -> r.getHeaders().get("Authorization"))
          .containsExactly("Bearer sk-alice-own-0000000000", "Bearer " + Harness.UPSTREAM_KEY);
    }
  }

  @Test
  void modelsOnlyAUsersKeyReachesAreShownToThatUserAlone() throws Exception {
    // The fake upstream is on loopback: allowed here as an admin would allow a LAN.
    try (Harness h = new Harness(java.util.Map.of("MODELGATE_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8,::1/128"))) {
      String alice = h.member("alice", null);
      String bob = h.member("bob", null);
      String body = "{\"provider\":\"alice-lab\",\"key\":\"sk-alice-lab-0000000000\",\"kind\":\"openai-compatible\","
          + "\"base_url\":\"" + h.upstream.url("/v1") + "\"}";
      HttpResponse<String> created = h.post("/api/ai/api-keys", alice, body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(created.body()).doesNotContain("sk-alice-lab-0000000000");
      RecordedRequest listing = h.upstreamRequests.stream()
          .filter(r -> r.getTarget().endsWith("/models")
              && "Bearer sk-alice-lab-0000000000".equals(r.getHeaders().get("Authorization")))
          .findFirst().orElseThrow();
      assertThat(listing).isNotNull();
      assertThat(data(h.get("/v1/models", alice))).anyMatch(m -> "alice-lab:gpt-4o-mini".equals(m.get("id")));
      assertThat(data(h.get("/v1/models", bob))).noneMatch(m -> ((String) m.get("id")).startsWith("alice-lab:"));
      assertThat(h.post("/v1/chat/completions", alice, CHAT.formatted("alice-lab:gpt-4o-mini")).statusCode())
          .isEqualTo(200);
      assertThat(h.post("/v1/chat/completions", bob, CHAT.formatted("alice-lab:gpt-4o-mini")).statusCode())
          .isEqualTo(404);
      // Another user cannot take the same name, nor reach it with their key.
      assertThat(h.post("/api/ai/api-keys", bob, body.replace("alice", "bob").replace("bob-lab", "alice-lab"))
          .statusCode()).isEqualTo(400);
    }
  }
}
