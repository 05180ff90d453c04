package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.events;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (LLM selection via an AI gateway), called as its document writes it: the gateway call
 * {@code POST /api/generate} with its body and {@code AI_GATEWAY_API_KEY} as the bearer, the model registry
 * {@code GET /api/models}, {@code GET|POST /api/users/preferences/llm}, {@code GET /api/organizations/{id}/models},
 * and per-conversation model and cost.
 */
class Seed002LlmSelectionTest {
  /** The seed's request body, Phase 1, with its placeholders filled. */
  private static final String GENERATE = """
      {"provider":"%s","model":"%s","feature":"llm","subfeature":"chat",
       "featureOptions":{"streaming":%s,"json":false},
       "input":{"messages":[{"role":"user","content":"Hello"}],"systemPrompt":"You are a support agent.",
                "tools":[]}%s}""";
  private static Harness h;
  private static String orgA;
  private static String orgB;
  private static String ann;
  private static String bea;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness();
    assertThat(h.post("/api/admin/models/bulk-update", h.adminKey,
        "{\"model_ids\":[\"openai:gpt-4o-mini\",\"openai:gpt-4.1-nano\"],\"status\":\"enabled\"}").statusCode())
        .isEqualTo(200);
    orgA = (String) object(h.post("/api/admin/orgs", h.adminKey, "{\"name\":\"Acme\"}")).get("id");
    orgB = (String) object(h.post("/api/admin/orgs", h.adminKey, "{\"name\":\"Globex\"}")).get("id");
    ann = h.member("ann", orgA);
    bea = h.member("bea", orgB);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void theGatewayCallAnswersWithTextUsageAndEstimatedCost() {
    HttpResponse<String> response = h.post("/api/generate", bea, GENERATE.formatted("openai", "gpt-4o-mini", false,
        ",\"conversation_id\":\"conv-seed2\""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> body = object(response);
    assertThat(body.get("provider")).isEqualTo("openai");
    assertThat(body.get("model")).isEqualTo("openai:gpt-4o-mini");
    assertThat((String) body.get("text")).isNotBlank();
    assertThat(body).containsKeys("usage", "estimated_cost", "route");
    assertThat(response.headers().firstValue("x-modelgate-model")).contains("openai:gpt-4o-mini");
    // The system prompt went upstream as the first message.
    assertThat(h.upstreamRequests.getLast().getBody().utf8()).contains("You are a support agent.");

    // The conversation's model and cost are readable afterwards.
    HttpResponse<String> conversation = h.get("/api/users/me/usage/conversations/conv-seed2", bea);
    assertThat(conversation.statusCode()).as(conversation.body()).isEqualTo(200);
    Map<String, Object> tracked = object(conversation);
    assertThat(tracked).containsEntry("model_provider", "openai").containsEntry("model_name", "openai:gpt-4o-mini");
    assertThat(new java.math.BigDecimal(tracked.get("estimated_cost").toString()))
        .isEqualByComparingTo(new java.math.BigDecimal(body.get("estimated_cost").toString()));
  }

  @Test
  void theGatewayCallStreamsWhenAsked() {
    HttpResponse<String> response = h.post("/api/generate", bea, GENERATE.formatted("openai", "gpt-4o-mini", true,
        ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    List<String> events = events(response.body());
    assertThat(events.getFirst()).contains("\"type\":\"route\"");
    assertThat(events).anyMatch(e -> e.contains("\"type\":\"delta\""));
    assertThat(events).anyMatch(e -> e.contains("\"type\":\"done\"") && e.contains("cost_usd"));
  }

  @Test
  void badGatewayCallsNameTheField() {
    HttpResponse<String> feature = h.post("/api/generate", bea,
        GENERATE.formatted("openai", "gpt-4o-mini", false, "").replace("\"llm\"", "\"image\""));
    assertThat(feature.statusCode()).isEqualTo(400);
    assertThat(error(feature).get("param")).isEqualTo("feature");

    HttpResponse<String> noInput = h.post("/api/generate", bea, "{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"}");
    assertThat(noInput.statusCode()).isEqualTo(400);
    assertThat(error(noInput).get("param")).isEqualTo("input");

    HttpResponse<String> unknown = h.post("/api/generate", bea, GENERATE.formatted("openai", "gpt-9", false, ""));
    assertThat(unknown.statusCode()).isEqualTo(404);

    assertThat(h.post("/api/generate", null, GENERATE.formatted("openai", "gpt-4o-mini", false, "")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aUsersPreferenceIsKeptAndUsedWhenACallNamesNoModel() {
    String cleo = h.member("cleo", null);
    HttpResponse<String> set = h.post("/api/users/preferences/llm", cleo,
        "{\"preferred_provider\":\"openai\",\"preferred_model\":\"gpt-4.1-nano\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

    Map<String, Object> read = object(h.get("/api/users/preferences/llm", cleo));
    assertThat(read.get("preferred_provider")).isEqualTo("openai");
    assertThat(read.get("preferred_model")).isEqualTo("gpt-4.1-nano");
    HttpResponse<String> call = h.post("/api/generate", cleo, GENERATE.formatted("", "", false, ""));
    assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    assertThat(object(call).get("model")).isEqualTo("openai:gpt-4.1-nano");

    assertThat(h.post("/api/users/preferences/llm", cleo, "{\"preferred_model\":null}").statusCode()).isEqualTo(200);
    assertThat(object(h.get("/api/users/preferences/llm", cleo)).get("preferred_model")).isNull();
  }

  @Test
  void badPreferencesAreRefusedAndNameTheField() {
    HttpResponse<String> missing = h.post("/api/users/preferences/llm", bea, "{\"preferred_provider\":\"openai\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(error(missing).get("param")).isEqualTo("preferred_model");

    HttpResponse<String> unknown = h.post("/api/users/preferences/llm", bea,
        "{\"preferred_provider\":\"openai\",\"preferred_model\":\"gpt-9\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);

    HttpResponse<String> pending = h.post("/api/users/preferences/llm", bea,
        "{\"preferred_provider\":\"openai\",\"preferred_model\":\"gpt-4o\"}");
    assertThat(pending.statusCode()).isEqualTo(409);

    HttpResponse<String> otherOrg = h.post("/api/users/preferences/llm", bea,
        "{\"preferred_model\":\"openai:gpt-4o-mini\",\"organization_id\":\"" + orgA + "\"}");
    assertThat(otherOrg.statusCode()).isEqualTo(403);

    HttpResponse<String> notAdmin = h.post("/api/users/preferences/llm", bea,
        "{\"scope\":\"organization\",\"organization_id\":\"" + orgB + "\",\"preferred_model\":\"openai:gpt-4o-mini\"}");
    assertThat(notAdmin.statusCode()).isEqualTo(403);
  }

  @Test
  void anOrgsDefaultAndAllowedModelsApplyToItsMembers() {
    assertThat(h.method("PUT", "/api/admin/orgs/" + orgA + "/allowed-models", h.adminKey,
        "{\"allowed_models\":[\"openai:gpt-4o-mini\",\"demo:*\"]}").statusCode()).isEqualTo(200);
    HttpResponse<String> orgDefault = h.post("/api/users/preferences/llm", h.adminKey,
        "{\"scope\":\"organization\",\"organization_id\":\"" + orgA + "\",\"preferred_provider\":\"openai\","
            + "\"preferred_model\":\"gpt-4o-mini\"}");
    assertThat(orgDefault.statusCode()).as(orgDefault.body()).isEqualTo(200);

    HttpResponse<String> allowed = h.get("/api/organizations/" + orgA + "/models", ann);
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models = (List<Map<String, Object>>) object(allowed).get("models");
    assertThat(models).extracting(m -> m.get("id")).contains("openai:gpt-4o-mini", "demo:echo")
        .doesNotContain("openai:gpt-4.1-nano");
    assertThat(h.get("/api/organizations/" + orgA + "/models", h.adminKey).statusCode()).isEqualTo(200);
    assertThat(h.get("/api/organizations/" + orgA + "/models", bea).statusCode()).isEqualTo(404);
    assertThat(h.get("/api/organizations/org_nosuch/models", bea).statusCode()).isEqualTo(404);

    // The org's default routes its members' unnamed calls; a model it does not allow is refused to them.
    assertThat(object(h.get("/api/users/preferences/llm", ann)).toString()).contains("gpt-4o-mini");
    HttpResponse<String> unnamed = h.post("/api/generate", ann, GENERATE.formatted("", "", false, ""));
    assertThat(object(unnamed).get("model")).isEqualTo("openai:gpt-4o-mini");
    assertThat(h.post("/api/generate", ann, GENERATE.formatted("openai", "gpt-4.1-nano", false, ""))
        .statusCode()).isEqualTo(403);
    HttpResponse<String> refusedDefault = h.post("/api/users/preferences/llm", h.adminKey,
        "{\"scope\":\"organization\",\"organization_id\":\"" + orgA + "\",\"preferred_model\":\"openai:gpt-4.1-nano\"}");
    assertThat(refusedDefault.statusCode()).isEqualTo(403);
  }

  @Test
  void theRegistryCarriesPricingAndCapabilities() {
    HttpResponse<String> models = h.get("/api/models", bea);
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).contains("\"pricing\"").contains("\"capabilities\"").contains("\"contextMax\"");
  }

  @Test
  void anAgentsDefaultComesBeforeTheUsersPreference() {
    String dan = h.member("dan", null);
    h.post("/api/users/preferences/llm", dan, "{\"preferred_model\":\"openai:gpt-4o-mini\"}");
    HttpResponse<String> set = h.post("/api/users/preferences/llm", h.adminKey,
        "{\"scope\":\"agent\",\"agent_id\":\"support-bot\",\"preferred_provider\":\"openai\","
            + "\"preferred_model\":\"gpt-4.1-nano\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

    HttpResponse<String> asAgent = h.post("/api/generate", dan,
        GENERATE.formatted("", "", false, ",\"agent_id\":\"support-bot\""));
    assertThat(object(asAgent).get("model")).as(asAgent.body()).isEqualTo("openai:gpt-4.1-nano");
    HttpResponse<String> byHeader = h.send(h.request("/api/generate", dan).header("Content-Type", "application/json")
        .header("x-modelgate-agent-id", "support-bot")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(GENERATE.formatted("", "", false, ""))).build());
    assertThat(object(byHeader).get("model")).isEqualTo("openai:gpt-4.1-nano");
    HttpResponse<String> asThemselves = h.post("/api/generate", dan, GENERATE.formatted("", "", false, ""));
    assertThat(object(asThemselves).get("model")).isEqualTo("openai:gpt-4o-mini");
    assertThat(object(h.get("/api/users/preferences/llm?agent_id=support-bot", dan)).toString())
        .contains("gpt-4.1-nano");

    assertThat(h.post("/api/users/preferences/llm", dan,
        "{\"scope\":\"agent\",\"agent_id\":\"support-bot\",\"preferred_model\":\"openai:gpt-4o-mini\"}")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> badAgent = h.post("/api/generate", dan,
        GENERATE.formatted("", "", false, ",\"agent_id\":\"no spaces allowed\""));
    assertThat(badAgent.statusCode()).isEqualTo(400);
    assertThat(error(badAgent).get("param")).isEqualTo("agent_id");
  }
}
