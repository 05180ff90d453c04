package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's SSRF reproduction through the HTTP API: a member may not create a provider whose base URL points
 * inside the gateway's network (the database port, a closed port, the metadata address, in any spelling); the
 * error names the field and nothing about what answers there. An admin's provider is not bound by it.
 */
class OutboundPolicyHttpTest {
  @Test
  void aMemberCannotPointAProviderInsideTheNetwork() throws Exception {
    try (Harness h = new Harness()) {
      String alice = h.member("alice", null);
      List<String> inside = List.of("http://127.0.0.1:5432", "http://127.0.0.1:1", "http://[::1]:" + h.service.port(),
          "http://0.0.0.0:" + h.service.port(), "http://169.254.169.254/latest", "http://2130706433:5432",
          "http://0177.0.0.1:5432", "http://localhost:" + h.upstream.getPort() + "/v1", "http://10.0.0.9:8000/v1");
      for (int i = 0; i < inside.size(); i++) {
        HttpResponse<String> r = h.post("/api/ai/api-keys", alice, "{\"provider\":\"scan-" + i + "\",\"key\":"
            + "\"sk-alice-scan-000000000\",\"kind\":\"openai-compatible\",\"base_url\":\"" + inside.get(i) + "\"}");
        assertThat(r.statusCode()).as(inside.get(i) + ": " + r.body()).isEqualTo(400);
        assertThat(Harness.error(r).get("param")).isEqualTo("base_url");
        assertThat(r.body()).doesNotContain("unexpected end of stream").doesNotContain("Failed to connect");
      }
      assertThat(h.upstreamRequests).noneMatch(req -> "Bearer sk-alice-scan-000000000"
          .equals(req.getHeaders().get("Authorization")));
      assertThat(h.get("/ai/models", alice).body()).doesNotContain("scan-");

      HttpResponse<String> admins = h.post("/api/admin/providers", h.adminKey, "{\"id\":\"team-box\","
          + "\"kind\":\"openai-compatible\",\"base_url\":\"" + h.upstream.url("/v1") + "\"}");
      assertThat(admins.statusCode()).as(admins.body()).isEqualTo(201);
    }
  }
}
