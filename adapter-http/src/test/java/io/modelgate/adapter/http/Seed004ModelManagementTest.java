package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.data;
import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 (dynamic model management), called as its document writes it: discovery answering
 * {@code {results: [{provider, category, discovered, newModels, errors}], totalNew, totalErrors}} and refused
 * inside the 5-minute interval; the admin list with filters; PATCH with {@code status, admin_notes}; bulk approval;
 * {@code set-default} with the provider's own model id; deprecated models falling back to the provider default.
 */
class Seed004ModelManagementTest {
  @Test
  @SuppressWarnings("unchecked")
  void discoveryAnswersTheSeedsShapeAndIsRefusedInsideTheInterval() throws Exception {
    try (Harness h = new Harness()) {
      HttpResponse<String> first = h.post("/api/admin/models/discover", h.adminKey,
          "{\"provider\":\"openai\",\"category\":\"text\",\"force\":true}");
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      Map<String, Object> body = object(first);
      assertThat(body).containsKeys("results", "totalNew", "totalErrors");
      List<Map<String, Object>> results = (List<Map<String, Object>>) body.get("results");
      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.get("provider")).isEqualTo("openai");
        assertThat(r.get("category")).isEqualTo("text");
        assertThat((List<Map<String, Object>>) r.get("discovered")).extracting(m -> m.get("model_id"))
            .contains("gpt-4o-mini", "gpt-4.1");
        assertThat((List<?>) r.get("errors")).isEmpty();
      });
      assertThat(((Number) body.get("totalErrors")).intValue()).isZero();

      HttpResponse<String> again = h.post("/api/admin/models/discover", h.adminKey,
          "{\"provider\":\"openai\",\"category\":\"text\"}");
      assertThat(again.statusCode()).isEqualTo(429);
      assertThat(again.headers().firstValue("Retry-After")).isPresent();
      assertThat((String) error(again).get("message")).contains("last discovered at");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void newModelsArePendingThenApprovedInBulkAndNotedOneByOne() throws Exception {
    try (Harness h = new Harness()) {
      List<Map<String, Object>> pending = data(h.get("/api/admin/models?provider=openai&category=text&status=pending",
          h.adminKey));
      assertThat(pending).extracting(m -> m.get("id")).contains("openai:gpt-4o-mini", "openai:gpt-4o");
      assertThat(pending).allMatch(m -> "pending".equals(m.get("status")));

      HttpResponse<String> bulk = h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\",\"openai:gpt-4.1-nano\"],\"status\":\"enabled\"}");
      assertThat(bulk.statusCode()).isEqualTo(200);
      assertThat((List<String>) object(bulk).get("updated"))
          .containsExactlyInAnyOrder("openai:gpt-4o-mini", "openai:gpt-4.1-nano");

      HttpResponse<String> patched = h.method("PATCH", "/api/admin/models/openai:gpt-4o", h.adminKey,
          "{\"status\":\"disabled\",\"admin_notes\":\"too expensive for now\"}");
      assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
      assertThat(data(patched).getFirst()).containsEntry("status", "disabled")
          .containsEntry("admin_notes", "too expensive for now");

      HttpResponse<String> badStatus = h.method("PATCH", "/api/admin/models/openai:gpt-4o", h.adminKey,
          "{\"status\":\"archived\"}");
      assertThat(badStatus.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void setDefaultTakesTheProvidersOwnIdAndDeprecatedModelsFallBackToIt() throws Exception {
    try (Harness h = new Harness()) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\",\"openai:gpt-4.1-nano\"],\"status\":\"enabled\"}");
      HttpResponse<String> set = h.post("/api/admin/models/set-default", h.adminKey,
          "{\"provider\":\"openai\",\"category\":\"text\",\"model_id\":\"gpt-4o-mini\"}");
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      assertThat(object(set).get("model_id")).isEqualTo("openai:gpt-4o-mini");
      assertThat(h.post("/api/admin/models/set-default", h.adminKey,
          "{\"provider\":\"openai\",\"category\":\"text\",\"model_id\":\"openai:gpt-4o-mini\"}").statusCode())
          .isEqualTo(200);

      assertThat(h.method("PATCH", "/api/admin/models/openai:gpt-4.1-nano", h.adminKey,
          "{\"status\":\"deprecated\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> chat = h.post("/v1/chat/completions", h.adminKey,
          "{\"model\":\"openai:gpt-4.1-nano\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      assertThat(chat.headers().firstValue("x-modelgate-model")).contains("openai:gpt-4o-mini");
      // the admin's entry says what the router just did: the console shows it as "Falls back to: …"
      assertThat(data(h.get("/api/admin/models/openai:gpt-4.1-nano", h.adminKey)).getFirst())
          .containsEntry("falls_back_to", "openai:gpt-4o-mini");
      assertThat(data(h.get("/api/admin/providers/openai/models", h.adminKey)))
          .filteredOn(m -> "openai:gpt-4.1-nano".equals(m.get("id")))
          .singleElement().satisfies(m -> assertThat(m).containsEntry("falls_back_to", "openai:gpt-4o-mini"));
      assertThat(data(h.get("/api/admin/models/openai:gpt-4o-mini", h.adminKey)).getFirst().get("falls_back_to"))
          .as("an enabled model serves itself").isNull();
      h.method("PATCH", "/api/admin/models/openai:gpt-4o-mini", h.adminKey, "{\"status\":\"disabled\"}");
      HttpResponse<String> noneLeft = h.post("/v1/chat/completions", h.adminKey,
          "{\"model\":\"openai:gpt-4.1-nano\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      Object served = noneLeft.headers().firstValue("x-modelgate-model").orElse(null);
      assertThat(data(h.get("/api/admin/models/openai:gpt-4.1-nano", h.adminKey)).getFirst().get("falls_back_to"))
          .as("with its provider default off, what the router serves then (%s)", noneLeft.statusCode())
          .isEqualTo(served);

      HttpResponse<String> unknown = h.post("/api/admin/models/set-default", h.adminKey,
          "{\"provider\":\"openai\",\"category\":\"text\",\"model_id\":\"gpt-9\"}");
      assertThat(unknown.statusCode()).isIn(400, 404);
      HttpResponse<String> noCategory = h.post("/api/admin/models/set-default", h.adminKey,
          "{\"provider\":\"openai\",\"model_id\":\"gpt-4o-mini\"}");
      assertThat(noCategory.statusCode()).isEqualTo(400);
      assertThat(error(noCategory).get("param")).isEqualTo("category");
      String member = h.member("max", null);
      assertThat(h.post("/api/admin/models/set-default", member,
          "{\"provider\":\"openai\",\"category\":\"text\",\"model_id\":\"gpt-4o-mini\"}").statusCode())
          .isEqualTo(403);
    }
  }
}
