package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (dynamic model loading), called as its document writes it: {@code GET /api/models} answering
 * {@code ModelsResponse} with {@code ModelInfo} entries, {@code ?force=true} for admins, user-provided keys
 * reported, caching headers an edge can use, and model-id migrations.
 */
class Seed001DynamicModelLoadingTest {
  private static final Set<String> STATUSES = Set.of("available", "limited", "deprecated", "unavailable");
  private static Harness h;
  private static String member;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness();
    assertThat(h.post("/api/admin/models/bulk-update", h.adminKey,
        "{\"model_ids\":[\"openai:gpt-4o-mini\",\"openai:gpt-4.1-nano\",\"openai:gpt-4.1\"],\"status\":\"enabled\"}")
        .statusCode()).isEqualTo(200);
    member = h.member("mia", null);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> models(HttpResponse<String> response) {
    return (List<Map<String, Object>>) object(response).get("models");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(HttpResponse<String> response) {
    return (Map<String, Object>) object(response).get("metadata");
  }

  private static Map<String, Object> model(List<Map<String, Object>> models, String id) {
    return models.stream().filter(m -> id.equals(m.get("id"))).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + models));
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsResponseHoldsEveryModelInfoFieldTheSeedNames() {
    HttpResponse<String> response = h.get("/api/models", member);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<Map<String, Object>> models = models(response);
    assertThat(models).extracting(m -> m.get("id")).contains("openai:gpt-4o-mini", "demo:echo")
        .doesNotContain("openai:gpt-4o", "openai:text-embedding-3-small");
    Map<String, Object> mini = model(models, "openai:gpt-4o-mini");
    assertThat(mini).containsKeys("id", "provider", "name", "capabilities", "premium", "vision", "contextMax",
        "status", "lastChecked", "providerHealth", "pricing");
    assertThat(mini.get("provider")).isEqualTo("openai");
    assertThat((List<String>) mini.get("capabilities")).contains("streaming", "tools");
    assertThat(mini.get("premium")).isEqualTo(true);
    assertThat(mini.get("vision")).isEqualTo(true);
    assertThat(((Number) mini.get("contextMax")).intValue()).isEqualTo(128_000);
    assertThat(STATUSES).contains((String) mini.get("status"));
    // Prices per token (seed 001 §5.1): gpt-4o-mini is $0.15 / $0.60 per million.
    Map<String, Object> pricing = (Map<String, Object>) mini.get("pricing");
    assertThat(new BigDecimal(pricing.get("input").toString())).isEqualByComparingTo("0.00000015");
    assertThat(new BigDecimal(pricing.get("output").toString())).isEqualByComparingTo("0.0000006");
    assertThat(pricing.get("currency")).isEqualTo("USD");
    assertThat(model(models, "demo:echo").get("premium")).isEqualTo(false);

    Map<String, Object> metadata = metadata(response);
    assertThat(metadata).containsKeys("lastUpdated", "providers", "totalModels", "cacheHit", "userProvidedKeys");
    assertThat(((Number) metadata.get("totalModels")).intValue()).isEqualTo(models.size());
    assertThat(metadata.get("cacheHit")).isEqualTo(true);
    Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) metadata.get("providers");
    assertThat(providers).containsKeys("openai", "demo");
    assertThat(providers.get("openai")).containsKeys("status", "lastChecked", "modelCount");
    assertThat(Set.of("healthy", "degraded", "error")).contains((String) providers.get("openai").get("status"));
    assertThat(((Number) providers.get("openai").get("modelCount")).intValue())
        .isEqualTo((int) models.stream().filter(m -> "openai".equals(m.get("provider"))).count());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHealthDashboardReadsEachProvidersLastProbeAndEachModelWhenItBecameUsable() {
    HttpResponse<String> probed = h.post("/api/admin/providers/health", h.adminKey, "{}");
    assertThat(probed.statusCode()).as(probed.body()).isEqualTo(200);
    Map<String, Object> demo = Harness.data(probed).stream().filter(p -> "demo".equals(p.get("id"))).findFirst()
        .orElseThrow();
    assertThat(demo.get("latency_ms")).isInstanceOf(Number.class);
    // a page loaded later shows the last probe's latency (this one's, or the background monitor's since)
    Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) object(
        h.get("/ai/models?force=true", h.adminKey)).get("providers");
    assertThat(providers.get("demo").get("latency_ms")).isInstanceOf(Number.class);
    assertThat(providers.get("demo")).containsEntry("status", demo.get("status"))
        .containsKey("last_checked");

    Map<String, Object> admin = Harness.data(h.get("/api/admin/models/openai:gpt-4o-mini", h.adminKey)).getFirst();
    Map<String, Object> listed = model((List<Map<String, Object>>) object(h.get("/ai/models", member)).get("models"),
        "openai:gpt-4o-mini");
    assertThat(((Map<String, Object>) listed.get("metadata")).get("enabled_at")).isEqualTo(admin.get("enabled_at"))
        .isNotNull();
  }

  @Test
  void anEdgeMayKeepTheListPerKeyAndRevalidateIt() {
    HttpResponse<String> first = h.get("/api/models", member);
    String tag = first.headers().firstValue("ETag").orElseThrow();

    assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("s-maxage=60");
    assertThat(first.headers().allValues("Vary")).anyMatch(v -> v.contains("Authorization"));
    HttpResponse<String> again = h.send(h.request("/api/models", member).header("If-None-Match", tag).GET().build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void forceIsForAdminsSkipsTheCachesAndSaysSo() {
    HttpResponse<String> refused = h.get("/api/models?force=true", member);
    assertThat(refused.statusCode()).isEqualTo(403);

    HttpResponse<String> forced = h.get("/api/models?force=true", h.adminKey);
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(metadata(forced).get("cacheHit")).isEqualTo(false);
    assertThat(forced.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
  }

  @Test
  @SuppressWarnings("unchecked")
  void userProvidedKeysAreMergedAndReported() {
    String kim = h.member("kim", null);
    assertThat((List<String>) metadata(h.get("/api/models", kim)).get("userProvidedKeys")).isEmpty();

    assertThat(h.post("/api/ai/api-keys", kim, "{\"provider\":\"openai\",\"key\":\"sk-kim-own-key-000000000000\"}")
        .statusCode()).isEqualTo(201);

    HttpResponse<String> response = h.get("/api/models", kim);
    assertThat((List<String>) metadata(response).get("userProvidedKeys")).containsExactly("openai");
    assertThat(response.body()).doesNotContain("sk-kim-own-key");
  }

  @Test
  void filtersByCategoryAndProviderAndRejectsAnUnknownCategory() {
    assertThat(models(h.get("/api/models?provider=demo", member))).isNotEmpty()
        .allMatch(m -> "demo".equals(m.get("provider")));
    assertThat(models(h.get("/api/models?category=text&provider=openai", member)))
        .extracting(m -> m.get("id")).contains("openai:gpt-4o-mini");
    HttpResponse<String> bad = h.get("/api/models?category=video", member);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Harness.error(bad).get("param")).isEqualTo("category");
  }

  @Test
  void aDeprecatedModelIsListedAsDeprecatedAndItsMigrationRoutesCalls() {
    assertThat(h.method("PATCH", "/api/admin/models/openai:gpt-4.1", h.adminKey, "{\"status\":\"deprecated\"}")
        .statusCode()).isEqualTo(200);
    assertThat(h.post("/api/admin/models/migrations", h.adminKey,
        "{\"from\":\"openai:gpt-4.1\",\"to\":\"openai:gpt-4.1-nano\",\"reason\":\"renamed\",\"automatic\":true}")
        .statusCode()).isIn(200, 201);

    assertThat(model(models(h.get("/api/models", member)), "openai:gpt-4.1").get("status")).isEqualTo("deprecated");
    HttpResponse<String> chat = h.post("/v1/chat/completions", member,
        "{\"model\":\"openai:gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(chat.headers().firstValue("x-modelgate-model")).contains("openai:gpt-4.1-nano");
  }
}
