package io.modelgate.core.routing;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.SettingsStore;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who prefers which model: a user's own preference per category, an org's default for its members, and an agent's
 * default (seed 002: a named caller context an app sends with its calls, resolved before the user's preference).
 * A preference may only name a model its subject may use right now — the router's own judgement, so a preference
 * never points where routing would refuse to go. Org and agent defaults are admins' and audited; a user's own is
 * theirs. Thread-safe.
 */
public final class PreferenceService {
  private final SettingsStore settings;
  private final AccountStore accounts;
  private final ModelRouter router;
  private final AuditLog audit;
  private final InstantSource clock;

  @Inject
  public PreferenceService(SettingsStore settings, AccountStore accounts, ModelRouter router, AuditLog audit,
      InstantSource clock) {
    this.settings = settings;
    this.accounts = accounts;
    this.router = router;
    this.audit = audit;
    this.clock = clock;
  }

  public Optional<ModelId> userPreference(String userId, ModelCategory category) {
    return settings.userDefault(userId, category);
  }

  public Optional<ModelId> orgDefault(String orgId, ModelCategory category) {
    return settings.orgDefault(orgId, category);
  }

  /** Sets (or with null clears) the caller's own preference; the model must be one the caller may use. */
  public void setUserPreference(CallerContext caller, ModelCategory category, @Nullable ModelId model,
      String field) {
    String user = caller.principal();
    if (user == null) {
      throw new AccessDeniedException("only a user has preferences");
    }
    if (model != null) {
      checkUsable(model, category, caller, field);
    }
    settings.setUserDefault(user, category, model);
  }

  /** Sets (or clears) an org's default for its members; admins only, audited. */
  public void setOrgDefault(CallerContext actor, String orgId, ModelCategory category, @Nullable ModelId model,
      String field) {
    requireAdmin(actor);
    if (accounts.findOrg(orgId).isEmpty()) {
      throw new ModelNotFoundException("no organization '" + orgId + "'");
    }
    if (model != null) {
      checkUsable(model, category, new CallerContext(null, orgId, null, null, false), field);
    }
    Optional<ModelId> before = settings.orgDefault(orgId, category);
    settings.setOrgDefault(orgId, category, model);
    audit.append(new AuditEvent(clock.instant(), actorName(actor), "org.default-model",
        orgId + "/" + category.wireName(), quoted(before.orElse(null)), quoted(model)));
  }

  public Optional<ModelId> agentDefault(String agentId, ModelCategory category) {
    return settings.agentDefault(agentId, category);
  }

  /** Sets (or clears) an agent's default; admins only, audited. */
  public void setAgentDefault(CallerContext actor, String agentId, ModelCategory category, @Nullable ModelId model,
      String field) {
    if (!actor.admin()) {
      throw new AccessDeniedException("only an admin may set an agent's default model");
    }
    // Validates the agent id the way every call's does.
    CallerContext agent = CallerContext.ANONYMOUS.forAgent(agentId);
    if (model != null) {
      checkUsable(model, category, agent, field);
    }
    Optional<ModelId> before = settings.agentDefault(agentId, category);
    settings.setAgentDefault(agentId, category, model);
    audit.append(new AuditEvent(clock.instant(), actorName(actor), "agent.default-model",
        agentId + "/" + category.wireName(), quoted(before.orElse(null)), quoted(model)));
  }

  private void checkUsable(ModelId model, ModelCategory category, CallerContext subject, String field) {
    Route route;
    try {
      route = router.resolve(model.toString(), category, subject);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(e.getMessage(), field);
    }
    if (!route.servedId().equals(model)) {
      throw new InvalidRequestException("model '" + model + "' cannot serve right now (routing would use "
          + route.servedId() + ")", field);
    }
  }

  private static void requireAdmin(CallerContext actor) {
    if (!actor.admin()) {
      throw new AccessDeniedException("only an admin may set an organization's default model");
    }
  }

  private static String actorName(CallerContext actor) {
    return actor.principal() == null ? "system" : actor.principal();
  }

  private static @Nullable String quoted(@Nullable ModelId model) {
    return model == null ? null : AuditEvent.jsonString(model.toString());
  }
}
