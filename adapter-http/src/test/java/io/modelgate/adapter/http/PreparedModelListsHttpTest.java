package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.data;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The model lists ({@code /v1/models}, {@code /ai/models}, {@code /api/models}, Ollama's {@code /api/tags}) are
 * prepared once per caller view and state and given again from memory: a change to the state shows in the very next
 * list, and callers core judges differently never get one another's list, however the requests interleave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreparedModelListsHttpTest {
  private static final List<String> LISTS = List.of("/v1/models", "/ai/models", "/api/models", "/ollama/api/tags");

  private Harness h;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    admin = h.adminKey;
    h.enable("openai:gpt-4o-mini", "openai:gpt-4o");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  /** The model ids of any of the lists. */
  @SuppressWarnings("unchecked")
  private static List<String> ids(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = object(r);
    Object list = body.containsKey("data") ? body.get("data") : body.get("models");
    return ((List<Map<String, Object>>) list).stream()
        .map(m -> (String) (m.containsKey("id") ? m.get("id") : m.get("name"))).toList();
  }

  private List<String> ids(String path, String key) {
    return ids(h.get(path, key));
  }

  @Test
  void aModelDisabledAndEnabledAgainLeavesAndReturnsToEveryListAtOnce() {
    String member = h.member("mia", null);
    Map<String, String> tags = new java.util.HashMap<>();
    for (String path : LISTS) {
      assertThat(ids(path, member)).as(path).contains("openai:gpt-4o");
      assertThat(ids(path, member)).as(path + ", given again").contains("openai:gpt-4o");
      h.get(path, member).headers().firstValue("etag").ifPresent(tag -> tags.put(path, tag));
    }

    HttpResponse<String> off = h.method("PATCH", "/api/admin/models/openai:gpt-4o", admin,
        "{\"status\":\"disabled\"}");
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    for (String path : LISTS) {
      assertThat(ids(path, member)).as(path).doesNotContain("openai:gpt-4o").contains("openai:gpt-4o-mini");
    }
    tags.forEach((path, tag) -> assertThat(h.send(h.request(path, member).header("If-None-Match", tag).GET().build())
        .statusCode()).as(path + ": the tag of the list before the change no longer matches").isEqualTo(200));

    h.enable("openai:gpt-4o");
    for (String path : LISTS) {
      assertThat(ids(path, member)).as(path).contains("openai:gpt-4o");
    }
  }

  @Test
  void aListGivenAgainKeepsItsTagAndAnswers304() {
    String member = h.member("noor", null);
    for (String path : List.of("/v1/models", "/ai/models", "/api/models")) {
      HttpResponse<String> first = h.get(path, member);
      HttpResponse<String> second = h.get(path, member);
      String tag = first.headers().firstValue("etag").orElseThrow();
      assertThat(second.headers().firstValue("etag")).as(path).hasValue(tag);
      assertThat(second.body()).as(path).isEqualTo(first.body());
      HttpResponse<String> revalidated = h.send(h.request(path, member).header("If-None-Match", tag).GET().build());
      assertThat(revalidated.statusCode()).as(path).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();
    }
  }

  @Test
  void anOrgsRestrictionShowsInItsMembersListsAtOnceAndNowhereElse() {
    String orgId = (String) object(h.post("/api/admin/orgs", admin, "{\"name\":\"Team Lists\"}")).get("id");
    String inOrg = h.member("olga", orgId);
    String outside = h.member("otto", null);
    for (String path : LISTS) {
      assertThat(ids(path, inOrg)).as(path + ": an org that allows every model").contains("openai:gpt-4o-mini");
    }

    HttpResponse<String> restricted = h.method("PUT", "/api/admin/orgs/" + orgId + "/allowed-models", admin,
        "{\"allowed_models\":[\"demo:*\"]}");
    assertThat(restricted.statusCode()).as(restricted.body()).isEqualTo(200);

    for (String path : LISTS) {
      // Interleaved: each caller's list right after the other's.
      assertThat(ids(path, inOrg)).as(path).isNotEmpty().allMatch(id -> id.startsWith("demo:"));
      assertThat(ids(path, outside)).as(path).contains("openai:gpt-4o-mini");
      assertThat(ids(path, inOrg)).as(path).isNotEmpty().allMatch(id -> id.startsWith("demo:"));
    }

    assertThat(h.method("PUT", "/api/admin/orgs/" + orgId + "/allowed-models", admin,
        "{\"allowed_models\":[]}").statusCode()).isEqualTo(200);
    for (String path : LISTS) {
      assertThat(ids(path, inOrg)).as(path + ": the restriction lifted").contains("openai:gpt-4o-mini");
    }
  }

  @Test
  void aPrivateNodeIsListedForItsOwnerOnlyWhateverTheOrderOfRequests() {
    String owner = h.member("pia", null);
    String other = h.member("paul", null);
    for (String path : LISTS) {
      ids(path, other);
    }
    String ownerId = h.userId(owner);
    HttpResponse<String> node = h.post("/api/admin/ai-clients", admin, "{\"id\":\"pia-mac\",\"kind\":\"demo\","
        + "\"owner\":\"" + ownerId + "\",\"visibility\":\"private\",\"approval_policy\":\"auto-enable\"}");
    assertThat(node.statusCode()).as(node.body()).isEqualTo(201);
    h.post("/api/admin/models/discover", admin, "{\"provider\":\"pia-mac\",\"force\":true}");

    for (String path : LISTS) {
      assertThat(ids(path, other)).as(path).noneMatch(id -> id.startsWith("pia-mac:"));
      assertThat(ids(path, owner)).as(path).anyMatch(id -> id.startsWith("pia-mac:"));
      assertThat(ids(path, other)).as(path).noneMatch(id -> id.startsWith("pia-mac:"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aiModelsShowsEachCallerTheirOwnDefaultAndAnAdminThePendingCounts() {
    String chooser = h.member("cleo", null);
    String plain = h.member("carl", null);
    assertThat(h.method("PUT", "/api/users/me/preferences", chooser,
        "{\"default_models\":{\"text\":\"openai:gpt-4o\"}}").statusCode()).isEqualTo(200);

    Map<String, Object> plainList = object(h.get("/ai/models", plain));
    Map<String, Object> chosenList = object(h.get("/ai/models", chooser));
    assertThat(chosenList.get("default_model_id")).isEqualTo("openai:gpt-4o");
    assertThat(plainList.get("default_model_id")).isNotNull().isNotEqualTo("openai:gpt-4o");
    assertThat(object(h.get("/ai/models", plain)).get("default_model_id"))
        .isEqualTo(plainList.get("default_model_id"));
    assertThat(chosenList.get("models")).isEqualTo(plainList.get("models"));
    HttpResponse<String> tagged = h.get("/ai/models", chooser);
    assertThat(h.send(h.request("/ai/models", plain).header("If-None-Match",
        tagged.headers().firstValue("etag").orElseThrow()).GET().build()).statusCode())
        .as("another default is another list").isEqualTo(200);

    Map<String, Map<String, Object>> memberProviders = (Map<String, Map<String, Object>>) plainList.get("providers");
    Map<String, Map<String, Object>> adminProviders =
        (Map<String, Map<String, Object>>) object(h.get("/ai/models", admin)).get("providers");
    assertThat(memberProviders.get("openai").get("pending_count")).isEqualTo(0.0);
    assertThat((Double) adminProviders.get("openai").get("pending_count")).isPositive();
  }

  @Test
  void filtersApplyToAListPreparedWithout() {
    String member = h.member("fay", null);
    ids("/ai/models", member);
    ids("/api/models", member);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> embeddings = (List<Map<String, Object>>) object(
        h.get("/ai/models?category=embedding", member)).get("models");
    assertThat(embeddings).isNotEmpty().allMatch(m -> "embedding".equals(m.get("category")));
    assertThat(ids("/ai/models?provider=demo", member)).isNotEmpty().allMatch(id -> id.startsWith("demo:"));
    assertThat(ids("/api/models?provider=openai", member)).isNotEmpty().allMatch(id -> id.startsWith("openai:"));
    assertThat(ids("/ai/models", member)).anyMatch(id -> id.startsWith("openai:"))
        .anyMatch(id -> id.startsWith("demo:"));
  }
}
