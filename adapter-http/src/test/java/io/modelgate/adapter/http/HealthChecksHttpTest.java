package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The service probes providers in the background, so /ai/models shows fresh health without a discovery. */
class HealthChecksHttpTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> provider(Harness h, String id) {
    Map<String, Object> body = object(h.get("/ai/models", h.adminKey));
    return ((Map<String, Map<String, Object>>) body.get("providers")).get(id);
  }

  @Test
  void providersAreProbedAgainAndStayHealthy() throws Exception {
    try (Harness h = new Harness(Map.of("MODELGATE_HEALTH_INTERVAL_SECONDS", "1"))) {
      Object first = provider(h, "openai").get("last_checked");
      long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      Object later = first;
      while (Objects.equals(later, first) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        later = provider(h, "openai").get("last_checked");
      }
      assertThat(later).as("last_checked after a background probe").isNotEqualTo(first);
      assertThat(provider(h, "openai").get("status")).isEqualTo("healthy");
      assertThat(h.upstreamRequests).anyMatch(r -> r.getTarget().endsWith("/models"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAdminCanProbeEveryProviderNow() throws Exception {
    try (Harness h = new Harness()) {
      java.net.http.HttpResponse<String> r = h.send(h.request("/api/admin/ai-clients/health?timeout_ms=3000",
          h.adminKey).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      java.util.List<Map<String, Object>> data = (java.util.List<Map<String, Object>>) object(r).get("data");
      assertThat(data).extracting(m -> m.get("id")).contains("demo", "openai");
      assertThat(data).allSatisfy(m -> assertThat(m).containsEntry("status", "healthy")
          .containsKeys("latency_ms", "checked_at"));
      assertThat(h.send(h.request("/api/admin/ai-clients/health?timeout_ms=0", h.adminKey)
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(400);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void speechModelsListTheirVoices() throws Exception {
    try (Harness h = new Harness()) {
      Map<String, Object> body = object(h.get("/ai/models?category=tts", h.adminKey));
      java.util.List<Map<String, Object>> models = (java.util.List<Map<String, Object>>) body.get("models");
      assertThat(models).filteredOn(m -> "demo:speak".equals(m.get("id"))).singleElement()
          .satisfies(m -> assertThat((java.util.List<String>) m.get("voices")).containsExactly("tone"));
      Map<String, Object> text = object(h.get("/ai/models?category=text", h.adminKey));
      assertThat((java.util.List<Map<String, Object>>) text.get("models")).allSatisfy(m ->
          assertThat(m.get("voices")).isNull());
    }
  }

  @Test
  void aBadIntervalIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        io.modelgate.app.Configuration.load(Map.of("MODELGATE_HEALTH_INTERVAL_SECONDS", "often")))
        .hasMessageContaining("MODELGATE_HEALTH_INTERVAL_SECONDS");
  }
}
