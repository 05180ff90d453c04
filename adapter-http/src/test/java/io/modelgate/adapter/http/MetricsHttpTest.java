package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /metrics} is Micrometer's Prometheus text, for admins only (or on a management port of its own); known
 * traffic shows in each meter with its exact value; no caller can grow its label sets at will.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsHttpTest {
  private static final String MINI = "openai:gpt-4o-mini";
  /** The recorded stream's usage (openai/chat_completions_stream_text_with_usage.sse), which the upstream sends. */
  private static final int INPUT = 14;
  private static final int OUTPUT = 30;

  private Harness h;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    h.enable(MINI, "openai:gpt-4.1");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @Test
  void knownTrafficShowsInEachMetricWithItsValue() {
    String member = h.member("metered-mo", null);
    String memberId = h.userId(member);
    Scrape before = scrape();

    HttpResponse<String> joined = chat(member, MINI, false);
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
    double perCall = Double.parseDouble(joined.headers().firstValue("x-modelgate-cost-usd").orElseThrow());
    assertThat(perCall).isPositive();
    assertThat(chat(member, MINI, false).statusCode()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> streamed = chat(member, MINI, true);
      assertThat(streamed.statusCode()).isEqualTo(200);
      assertThat(streamed.body()).contains("[DONE]");
    }
    assertThat(chat(member, "openai:gpt-4.1", false).statusCode()).as("the upstream answers 500")
        .isGreaterThanOrEqualTo(500);
    assertThat(h.method("PUT", "/api/admin/quotas/user/" + memberId, h.adminKey, "{\"requests_per_day\":6}")
        .statusCode()).isEqualTo(200);
    assertThat(chat(member, MINI, false).statusCode()).as("the seventh call of the day").isEqualTo(429);

    Scrape after = scrape();
    String[] mini = {"gen_ai_operation_name", "chat", "gen_ai_provider_name", "openai", "gen_ai_request_model",
        "gpt-4o-mini", "modelgate_provider_id", "openai"};
    assertThat(delta(before, after, "gen_ai_client_token_usage_sum", mini, "gen_ai_token_type", "input"))
        .isEqualTo(5.0 * INPUT);
    assertThat(delta(before, after, "gen_ai_client_token_usage_sum", mini, "gen_ai_token_type", "output"))
        .isEqualTo(5.0 * OUTPUT);
    assertThat(delta(before, after, "gen_ai_client_token_usage_count", mini, "gen_ai_token_type", "output"))
        .isEqualTo(5.0);
    assertThat(delta(before, after, "gen_ai_client_operation_duration_seconds_count", mini, "error_type", ""))
        .isEqualTo(5.0);
    assertThat(delta(before, after, "gen_ai_client_operation_time_to_first_chunk_seconds_count", mini))
        .as("streams only").isEqualTo(3.0);
    assertThat(delta(before, after, "modelgate_model_requests_total", "model", MINI, "outcome", "success"))
        .isEqualTo(5.0);
    assertThat(delta(before, after, "modelgate_model_requests_total", "model", "openai:gpt-4.1", "outcome", "error"))
        .isEqualTo(1.0);
    assertThat(delta(before, after, "modelgate_model_errors_total", "model", "openai:gpt-4.1")).isEqualTo(1.0);
    assertThat(delta(before, after, "modelgate_upstream_attempts_total", "model", MINI, "outcome", "served"))
        .isEqualTo(5.0);
    assertThat(delta(before, after, "modelgate_cost_usd_total", "model", MINI)).isCloseTo(5 * perCall,
        within(1e-12));
    assertThat(delta(before, after, "modelgate_quota_refusals_total", "limit", "requests_per_day")).isEqualTo(1.0);
    assertThat(delta(before, after, "modelgate_http_requests_total", "route", "/v1/chat/completions",
        "status", "429")).isEqualTo(1.0);
  }

  @Test
  void stateGaugesShowProvidersCatalogDiscoveryQueueAndTheJvm() {
    Scrape now = scrape();
    assertThat(now.value("modelgate_provider_health", "provider", "openai", "state", "healthy")).isEqualTo(1.0);
    assertThat(now.value("modelgate_provider_health", "provider", "openai", "state", "down")).isZero();
    assertThat(now.value("modelgate_provider_circuit", "provider", "openai", "state", "closed")).isEqualTo(1.0);
    assertThat(now.value("modelgate_catalog_models", "status", "enabled")).isGreaterThanOrEqualTo(2.0);
    assertThat(now.value("modelgate_catalog_models")).as("every entry, by status")
        .isEqualTo(h.graph.modelgate().catalog().list(io.modelgate.core.catalog.ModelFilter.ALL).size());
    assertThat(now.value("modelgate_discovery_duration_seconds_count", "provider", "openai", "outcome", "success",
        "cache", "miss")).isGreaterThanOrEqualTo(1.0);
    assertThat(now.has("modelgate_usage_queue")).isTrue();
    assertThat(now.has("modelgate_http_in_flight")).isTrue();
    assertThat(now.has("jvm_memory_used_bytes")).isTrue();
    assertThat(now.has("jvm_gc_pause_seconds_count") || now.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
    assertThat(now.has("process_cpu_usage")).isTrue();
    assertThat(now.has("process_uptime_seconds")).isTrue();
  }

  @Test
  void stateGaugesAreReadAtStartAndEachHealthRoundNotOnlyWhenScraped() throws Exception {
    try (Harness fresh = new Harness(Map.of("MODELGATE_HEALTH_INTERVAL_SECONDS", "1"))) {
      io.micrometer.core.instrument.MeterRegistry registry = fresh.graph.meterRegistry();
      assertThat(registry.get("modelgate.provider.health").tags("provider", "openai", "state", "healthy").gauge()
          .value()).as("before any scrape").isEqualTo(1.0);
      fresh.enable("openai:gpt-4o-mini");
      double enabled = registry.get("modelgate.catalog.models").tag("status", "enabled").gauge().value();
      long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (registry.get("modelgate.catalog.models").tag("status", "enabled").gauge().value() == enabled
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(registry.get("modelgate.catalog.models").tag("status", "enabled").gauge().value())
          .as("after a health round, still without a scrape").isEqualTo(enabled + 1);
    }
  }

  @Test
  void metricsNeedAnAdminKeyOnTheMainPort() {
    assertThat(h.get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(h.get("/metrics", h.member("curious-cy", null)).statusCode()).isEqualTo(403);
    assertThat(h.get("/metrics", h.adminKey).statusCode()).isEqualTo(200);
  }

  @Test
  void aManagementPortServesMetricsAndHealthWithoutAKeyAndTheMainPortNoLonger() throws Exception {
    try (Harness m = new Harness(Map.of("MODELGATE_MANAGEMENT_PORT", "0"))) {
      int port = m.service.managementPort().orElseThrow();
      assertThat(port).isNotEqualTo(m.service.port());
      assertThat(m.get("/metrics", m.adminKey).statusCode()).as("not on the main port").isEqualTo(404);
      assertThat(m.get("/health/ready", null).statusCode()).isEqualTo(200);

      HttpResponse<String> metrics = management(m, port, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
      assertThat(new Scrape(metrics.body()).value("modelgate_provider_health", "provider", "demo", "state",
          "healthy")).isEqualTo(1.0);
      assertThat(management(m, port, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(management(m, port, "/health/live").statusCode()).isEqualTo(200);
      assertThat(management(m, port, "/v1/models").statusCode()).as("nothing else there").isEqualTo(404);
      assertThat(m.printed).contains("Metrics and health on http://localhost:" + port + "/metrics");
    }
  }

  @Test
  void requestsWithBogusModelNamesAddNoSeries() {
    chat(h.adminKey, "bogus:first-made-up-name", false);
    series();
    List<String> before = series();

    for (String bogus : List.of("bogus:second-made-up-name", "third-made-up-name", "openai:fourth-made-up-name",
        "demo:fifth-made-up-name")) {
      assertThat(chat(h.adminKey, bogus, false).statusCode()).as(bogus).isGreaterThanOrEqualTo(400);
    }
    List<String> after = series();

    assertThat(after).hasSameSizeAs(before);
    assertThat(String.join("\n", after)).doesNotContain("made-up-name")
        .contains("modelgate_model_errors_total{code=\"model_not_found\",model=\"other\",provider=\"\"}");
  }

  @Test
  void aRefusedCallOnACatalogModelIsLabelledWithItsId() {
    // gpt-4.1-nano was discovered but never enabled: in the catalog, refused by the router.
    HttpResponse<String> refused = chat(h.adminKey, "openai:gpt-4.1-nano", false);
    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);

    assertThat(String.join("\n", series()))
        .containsPattern("modelgate_model_requests_total\\{model=\"openai:gpt-4\\.1-nano\",operation=\"chat\","
            + "outcome=\"error\",provider=\"\"} 1(\\.0)?");
  }

  @Test
  void servedCallsKeepTheirMeaningsUnderMicrometer() {
    assertThat(chat(h.adminKey, "demo:echo", false).statusCode()).isEqualTo(200);

    String text = String.join("\n", series());
    assertThat(text)
        .containsPattern("modelgate_http_requests_total\\{method=\"POST\",route=\"/v1/chat/completions\","
            + "status=\"200\"} \\d")
        .contains("modelgate_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/chat/completions\","
            + "le=\"0.005\"}")
        .containsPattern("gen_ai_client_operation_duration_seconds_count\\{error_type=\"\","
            + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"demo\",gen_ai_request_model=\"echo\","
            + "modelgate_provider_id=\"demo\"} \\d")
        .containsPattern("gen_ai_client_token_usage_sum\\{gen_ai_operation_name=\"chat\",gen_ai_provider_name="
            + "\"demo\",gen_ai_request_model=\"echo\",gen_ai_token_type=\"output\",modelgate_provider_id=\"demo\"} "
            + "[1-9]");
  }

  private HttpResponse<String> chat(String key, String model, boolean stream) {
    return h.post("/v1/chat/completions", key, "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static double delta(Scrape before, Scrape after, String name, String[] common, String... more) {
    String[] labels = new String[common.length + more.length];
    System.arraycopy(common, 0, labels, 0, common.length);
    System.arraycopy(more, 0, labels, common.length, more.length);
    return after.value(name, labels) - before.value(name, labels);
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  private Scrape scrape() {
    HttpResponse<String> r = h.get("/metrics", h.adminKey);
    assertThat(r.statusCode()).isEqualTo(200);
    return new Scrape(r.body());
  }

  private static HttpResponse<String> management(Harness m, int port, String path) {
    return m.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build());
  }

  /** The sample lines of a scrape (no comments), without their values' changes mattering to the count. */
  private List<String> series() {
    HttpResponse<String> r = h.get("/metrics", h.adminKey);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    return Arrays.stream(r.body().split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#"))
        .filter(l -> !l.startsWith("jvm_") && !l.startsWith("process_") && !l.startsWith("system_"))
        .toList();
  }
}
