package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.data;
import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.events;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Limits through the admin API, the x-ratelimit headers and 429s they cause, and usage reports in JSON and CSV. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceHttpTest {
  private static final String HI = "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private Harness h;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    admin = h.adminKey;
    HttpResponse<String> r = h.method("PATCH", "/api/admin/models/openai:gpt-4o-mini", admin,
        "{\"status\":\"enabled\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @Test
  void quotasAreSetShownAndRemovedByAnAdminWithAnAuditTrail() {
    String member = h.member("quota-kim", null);
    String id = h.userId(member);
    HttpResponse<String> put = h.method("PUT", "/api/admin/quotas/user/" + id, admin,
        "{\"requests_per_day\":3,\"usd_per_month\":\"1.50\",\"rpm\":10,\"tpm\":null}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(object(put)).containsEntry("kind", "user").containsEntry("id", id);
    assertThat(object(put).get("limits")).isEqualTo(Map.of("requests_per_day", 3.0, "usd_per_month", 1.5,
        "rpm", 10.0));
    h.post("/v1/chat/completions", member, HI);
    HttpResponse<String> get = h.get("/api/admin/quotas/user/" + id, admin);
    assertThat(get.statusCode()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> usage = (List<Map<String, Object>>) object(get).get("usage");
    assertThat(usage).anySatisfy(u -> assertThat(u).containsEntry("limit", "requests_per_day")
        .containsEntry("max", 3.0).containsEntry("used", 1.0).containsEntry("remaining", 2.0)
        .containsKey("resets_at"));
    assertThat(data(h.get("/api/admin/quotas", admin))).anyMatch(q -> id.equals(q.get("id")));

    String prefix = member.substring(0, 11);
    assertThat(h.method("PUT", "/api/admin/quotas/key/" + prefix, admin, "{\"rpm\":5}").statusCode())
        .isEqualTo(200);
    assertThat(h.method("PUT", "/api/admin/quotas/key/mg_ffffffff", admin, "{\"rpm\":5}").statusCode())
        .isEqualTo(404);
    assertThat(h.method("PUT", "/api/admin/quotas/org/nope", admin, "{\"rpm\":5}").statusCode()).isEqualTo(404);
    assertThat(h.method("PUT", "/api/admin/quotas/user/" + id, member, "{\"rpm\":5}").statusCode())
        .isEqualTo(403);

    assertThat(audits("quota.set")).anyMatch(e -> ("user '" + id + "'").equals(e.get("target"))
        && String.valueOf(e.get("after")).contains("\"requests_per_day\":\"3\""));
    assertThat(h.method("DELETE", "/api/admin/quotas/user/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(object(h.get("/api/admin/quotas/user/" + id, admin)).get("limits")).isEqualTo(Map.of());
    assertThat(h.method("DELETE", "/api/admin/quotas/user/" + id, admin, null).statusCode()).isEqualTo(404);
    assertThat(audits("quota.delete")).anyMatch(e -> ("user '" + id + "'").equals(e.get("target")));
  }

  @Test
  void aBadLimitIsA400NamingTheField() {
    String id = h.userId(h.member("quota-lee", null));
    for (String[] c : List.of(
        new String[] {"{\"rpms\":1}", "rpms"},
        new String[] {"{\"requests_per_day\":-1}", "requests_per_day"},
        new String[] {"{\"tokens_per_month\":1.5}", "tokens_per_month"},
        new String[] {"{\"usd_per_month\":\"lots\"}", "usd_per_month"},
        new String[] {"{\"usd_per_month\":-2}", "usd_per_month"},
        new String[] {"{\"tpm\":\"7\"}", "tpm"})) {
      HttpResponse<String> r = h.method("PUT", "/api/admin/quotas/user/" + id, admin, c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(error(r)).as(c[0]).containsEntry("param", c[1]);
      assertThat((String) error(r).get("message")).contains(c[1]);
    }
    HttpResponse<String> kind = h.method("PUT", "/api/admin/quotas/planet/" + id, admin, "{}");
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(error(kind)).containsEntry("param", "kind");
  }

  @Test
  void modelResponsesCarryTheLimitsAndTheCallPastThemIs429NamingIt() {
    String member = h.member("quota-max", null);
    String id = h.userId(member);
    h.method("PUT", "/api/admin/quotas/user/" + id, admin, "{\"requests_per_day\":2,\"tokens_per_month\":100000}");

    HttpResponse<String> first = h.post("/v1/chat/completions", member, HI);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("x-ratelimit-limit-requests-per-day")).hasValue("2");
    assertThat(first.headers().firstValue("x-ratelimit-remaining-requests-per-day")).hasValue("1");
    long reset = Long.parseLong(first.headers().firstValue("x-ratelimit-reset-requests-per-day").orElseThrow());
    assertThat(reset).isBetween(1L, 86_400L);
    assertThat(first.headers().firstValue("x-ratelimit-limit-tokens-per-month")).hasValue("100000");
    assertThat(Long.parseLong(first.headers().firstValue("x-ratelimit-remaining-tokens-per-month").orElseThrow()))
        .isLessThan(100_000L);
    assertThat(first.headers().firstValue("x-ratelimit-limit-rpm")).isEmpty();

    HttpResponse<String> streamed = h.post("/v1/chat/completions", member,
        "{\"model\":\"demo:echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.headers().firstValue("x-ratelimit-remaining-requests-per-day")).hasValue("0");

    HttpResponse<String> refused = h.post("/v1/chat/completions", member, HI);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 86_400L);
    assertThat(error(refused)).containsEntry("code", "quota_exceeded").containsEntry("param", "requests_per_day");
    assertThat((String) error(refused).get("message")).contains("requests_per_day limit of 2", "user '" + id + "'");
    assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests-per-day")).hasValue("0");
    HttpResponse<String> refusedStream = h.post("/ai/stream", member, "{\"prompt\":\"hi\",\"model\":\"demo:echo\"}");
    assertThat(refusedStream.statusCode()).isEqualTo(429);
  }

  @Test
  void aStreamThatWouldPassItsReservationEndsWithAnErrorEvent() {
    // The upstream ignores max_tokens and sends 30 tokens.
    String member = h.member("quota-cut", null);
    HttpResponse<String> r = h.post("/v1/chat/completions", member, "{\"model\":\"openai:gpt-4o-mini\","
        + "\"stream\":true,\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> events = events(r.body());
    assertThat(events).doesNotContain("[DONE]");
    assertThat(events.getLast()).contains("\"code\":\"quota_exceeded\"", "\"param\":\"max_tokens\"");
  }

  @Test
  void usageReportsAgreeWithTheUsageLogInJsonAndCsv() {
    String ann = h.member("usage-ann", null);
    String bob = h.member("usage-bob", null);
    for (int i = 0; i < 3; i++) {
      chatIn(ann, "conv-ann");
    }
    chatIn(bob, "conv-ann");
    chatIn(bob, "conv-bob");
    List<UsageRecord> log = h.graph.usageLog().find(UsageQuery.ALL);

    Map<String, long[]> requests = new TreeMap<>();
    Map<String, BigDecimal> costs = new TreeMap<>();
    for (UsageRecord r : log) {
      String key = r.principal() == null ? "" : r.principal();
      requests.computeIfAbsent(key, k -> new long[1])[0]++;
      costs.merge(key, r.costUsd(), BigDecimal::add);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> totals = (List<Map<String, Object>>) object(
        h.get("/api/admin/usage?group_by=user", admin)).get("totals");
    assertThat(totals).hasSize(requests.size());
    for (Map<String, Object> t : totals) {
      assertThat(((Number) t.get("requests")).longValue()).isEqualTo(requests.get((String) t.get("key"))[0]);
      assertThat(new BigDecimal(String.valueOf(t.get("cost_usd"))))
          .isEqualByComparingTo(costs.get((String) t.get("key")));
    }

    HttpResponse<String> csv = h.get("/api/admin/usage?group_by=user&format=csv", admin);
    assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.getFirst()).isEqualTo("user,requests,prompt_tokens,completion_tokens,cached_tokens,"
        + "reasoning_tokens,cost_usd");
    assertThat(lines).hasSize(requests.size() + 1);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(Long.parseLong(cells[1])).isEqualTo(requests.get(cells[0])[0]);
      assertThat(new BigDecimal(cells[6])).isEqualByComparingTo(costs.get(cells[0]));
    }
    HttpResponse<String> accepted = h.send(h.request("/api/admin/usage?group_by=model", admin)
        .header("Accept", "text/csv").GET().build());
    assertThat(accepted.body()).startsWith("model,requests,");
    assertThat(h.get("/api/admin/usage?format=xml", admin).statusCode()).isEqualTo(400);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> byConversation = (List<Map<String, Object>>) object(
        h.get("/api/admin/usage?group_by=conversation", admin)).get("totals");
    assertThat(byConversation).anySatisfy(t -> assertThat(t).containsEntry("key", "conv-ann")
        .containsEntry("requests", 4.0));

    HttpResponse<String> conversation = h.get("/api/admin/usage/conversations/conv-ann", admin);
    assertThat(conversation.statusCode()).as(conversation.body()).isEqualTo(200);
    Map<String, Object> report = object(conversation);
    long expected = log.stream().filter(r -> "conv-ann".equals(r.conversationId())).count();
    BigDecimal expectedCost = log.stream().filter(r -> "conv-ann".equals(r.conversationId()))
        .map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(((Number) report.get("requests")).longValue()).isEqualTo(expected).isEqualTo(4);
    assertThat(new BigDecimal(String.valueOf(report.get("cost_usd")))).isEqualByComparingTo(expectedCost);
    assertThat((List<?>) report.get("calls")).hasSize(4);
    assertThat(String.valueOf(report.get("by_model"))).contains("demo:echo");
    assertThat(h.get("/api/admin/usage/conversations/conv-ann?format=csv", admin).body().lines()).hasSize(5);

    HttpResponse<String> own = h.get("/api/users/me/usage/conversations/conv-ann", bob);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(object(own)).containsEntry("requests", 1.0);
    assertThat(h.get("/api/users/me/usage/conversations/conv-bob", ann).statusCode()).isEqualTo(404);
    assertThat(h.get("/api/admin/usage/conversations/conv-ann", bob).statusCode()).isEqualTo(403);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bobs = (List<Map<String, Object>>) object(
        h.get("/api/users/me/usage?group_by=conversation", bob)).get("totals");
    assertThat(bobs).extracting(t -> t.get("key")).containsExactlyInAnyOrder("conv-ann", "conv-bob");

    HttpResponse<String> billed = h.get("/api/admin/usage/billed?group_by=provider", admin);
    assertThat(billed.statusCode()).isEqualTo(200);
    assertThat(object(billed)).containsEntry("group_by", "provider").containsKey("groups");
  }

  private void chatIn(String key, String conversation) {
    HttpResponse<String> r = h.send(h.request("/v1/chat/completions", key).header("Content-Type", "application/json")
        .header(Dispatcher.CONVERSATION_HEADER, conversation)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(HI)).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private List<Map<String, Object>> audits(String action) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> e : data(h.get("/api/admin/audit?limit=500", admin))) {
      if (Objects.equals(action, e.get("action"))) {
        out.add(e);
      }
    }
    return out;
  }
}
