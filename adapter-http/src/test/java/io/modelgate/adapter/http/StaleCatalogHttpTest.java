package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's stale catalog: when a provider's model listing fails, its last good list is still served, marked stale
 * with the time of the last good listing, on {@code /ai/models} and {@code /api/models}; a listing that succeeds
 * again clears the mark.
 */
class StaleCatalogHttpTest {
  private final AtomicBoolean listingFails = new AtomicBoolean();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> provider(Map<String, Object> body, String path, String id) {
    Map<String, Object> at = body;
    for (String key : path.split("\\.")) {
      at = (Map<String, Object>) at.get(key);
    }
    return (Map<String, Object>) at.get(id);
  }

  @Test
  void aFailedListingKeepsTheLastGoodListMarkedStaleWithItsTime() throws IOException {
    Dispatcher upstream = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return listingFails.get() && request.getTarget().endsWith("/models")
            ? new MockResponse.Builder().code(503).setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"overloaded\"}}").build()
            : Harness.route(request);
      }
    };
    try (Harness h = new Harness(Map.of(), upstream)) {
      HttpResponse<String> first = h.post("/api/admin/models/discover", h.adminKey,
          "{\"provider\":\"openai\",\"force\":true}");
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      h.enable("openai:gpt-4o-mini");
      Map<String, Object> fresh = provider(object(h.get("/ai/models", h.adminKey)), "providers", "openai");
      assertThat(fresh).containsEntry("catalog_stale", false);
      Instant listedAt = Instant.parse((String) fresh.get("catalog_listed_at"));

      listingFails.set(true);
      h.post("/api/admin/models/discover", h.adminKey, "{\"provider\":\"openai\",\"force\":true}");
      Map<String, Object> catalog = object(h.get("/ai/models", h.adminKey));
      Map<String, Object> stale = provider(catalog, "providers", "openai");
      assertThat(stale).containsEntry("catalog_stale", true).containsEntry("catalog_listed_at", listedAt.toString());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> models = (List<Map<String, Object>>) catalog.get("models");
      assertThat(models).extracting(m -> m.get("id")).contains("openai:gpt-4o-mini");
      Map<String, Object> seed001 = provider(object(h.get("/api/models", h.adminKey)), "metadata.providers",
          "openai");
      assertThat(seed001).containsEntry("catalogStale", true).containsEntry("catalogListedAt", listedAt.toString());

      listingFails.set(false);
      h.post("/api/admin/models/discover", h.adminKey, "{\"provider\":\"openai\",\"force\":true}");
      Map<String, Object> again = provider(object(h.get("/ai/models", h.adminKey)), "providers", "openai");
      assertThat(again).containsEntry("catalog_stale", false);
      assertThat(Instant.parse((String) again.get("catalog_listed_at"))).isAfterOrEqualTo(listedAt);
    }
  }
}
