package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.PreferenceService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Seed 002's LLM preferences, {@code GET|POST /api/users/preferences/llm}: the caller's preferred provider and model
 * (their text default, which routing uses when a request names no model) and their org's default; with
 * {@code scope: "organization"} an admin sets an org's default. The rules are {@link PreferenceService}'s.
 */
@Singleton
final class PreferencesApi {
  private static final String TAG = "user";

  private final PreferenceService preferences;

  @Inject
  PreferencesApi(PreferenceService preferences) {
    this.preferences = preferences;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/api/users/preferences/llm", user, TAG,
            "The caller's LLM preference and their org's default (seed 002)", this::get),
        new Endpoint(Method.POST, "/api/users/preferences/llm", user, TAG,
            "Set the caller's LLM preference: { preferred_provider?, preferred_model } (a null model clears it); "
                + "admins set an org's default with { scope: organization, organization_id } and an agent's with "
                + "{ scope: agent, agent_id }",
            this::set).body(RequestWire.LlmPreference.class));
  }

  public record Preference(
      @Json(name = "preferred_provider") @Nullable String preferredProvider,
      @Json(name = "preferred_model") @Nullable String preferredModel,
      @Json(name = "model_id") @Nullable String modelId) {
    static Preference of(Optional<ModelId> model) {
      return model.map(m -> new Preference(m.instance(), m.model(), m.toString()))
          .orElse(new Preference(null, null, null));
    }
  }

  public record Preferences(
      @Json(name = "user_id") @Nullable String userId,
      @Json(name = "organization_id") @Nullable String organizationId,
      @Json(name = "preferred_provider") @Nullable String preferredProvider,
      @Json(name = "preferred_model") @Nullable String preferredModel,
      @Json(name = "model_id") @Nullable String modelId,
      @Json(name = "organization_default") @Nullable Preference organizationDefault,
      @Json(name = "agent_id") @Nullable String agentId,
      @Json(name = "agent_default") @Nullable Preference agentDefault) {}

  private void get(Call call) {
    String agent = call.query("agent_id").orElse(null);
    call.json(200, view(agent == null ? call.caller() : Fields.checked(() -> call.caller().forAgent(agent))));
  }

  private Preferences view(CallerContext caller) {
    Preference own = Preference.of(caller.principal() == null ? Optional.empty()
        : preferences.userPreference(caller.principal(), ModelCategory.TEXT));
    Preference org = caller.orgId() == null ? null
        : Preference.of(preferences.orgDefault(caller.orgId(), ModelCategory.TEXT));
    Preference agent = caller.agentId() == null ? null
        : Preference.of(preferences.agentDefault(caller.agentId(), ModelCategory.TEXT));
    return new Preferences(caller.principal(), caller.orgId(), own.preferredProvider(), own.preferredModel(),
        own.modelId(), org, caller.agentId(), agent);
  }

  private void set(Call call) {
    Fields body = call.body();
    CallerContext caller = call.caller();
    ModelId model = model(body);
    String scope = body.string("scope");
    String org = body.string("organization_id");
    if ("organization".equals(scope)) {
      if (org == null || org.isBlank()) {
        throw body.invalid("organization_id", "is required with scope 'organization'");
      }
      preferences.setOrgDefault(caller, org, ModelCategory.TEXT, model, "preferred_model");
      call.json(200, new Preferences(null, org, null, null, null,
          Preference.of(preferences.orgDefault(org, ModelCategory.TEXT)), null, null));
      return;
    }
    if ("agent".equals(scope)) {
      String agent = body.string("agent_id");
      if (agent == null || agent.isBlank()) {
        throw body.invalid("agent_id", "is required with scope 'agent'");
      }
      preferences.setAgentDefault(caller, agent, ModelCategory.TEXT, model, "preferred_model");
      call.json(200, new Preferences(null, null, null, null, null, null, agent,
          Preference.of(preferences.agentDefault(agent, ModelCategory.TEXT))));
      return;
    }
    if (scope != null && !scope.equals("user")) {
      throw body.invalid("scope", "must be user, organization or agent");
    }
    if (org != null && !org.equals(caller.orgId())) {
      throw new AccessDeniedException("'organization_id' is not your organization");
    }
    preferences.setUserPreference(caller, ModelCategory.TEXT, model, "preferred_model");
    call.json(200, view(caller));
  }

  /** {@code preferred_model} as the provider's own id with {@code preferred_provider}, or a full id alone. */
  private static @Nullable ModelId model(Fields body) {
    if (!body.names().contains("preferred_model")) {
      throw body.invalid("preferred_model", "is required (null clears the preference)");
    }
    String raw = body.string("preferred_model");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String full = Params.providerModel(body.string("preferred_provider"), raw);
    if (full == null || full.indexOf(':') < 0) {
      throw body.invalid("preferred_model", "must name a model: give preferred_provider too, or a full id "
          + "('<provider>:<model>')");
    }
    return Params.modelId(full, "preferred_model");
  }
}
