package io.modelgate.wire;

import com.squareup.moshi.Json;
import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.User;
import io.modelgate.core.catalog.DiscoveryReport;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaStatus;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.routing.ModelAlias;
import io.modelgate.core.usage.BilledVsEstimated;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The admin and user APIs' shapes, and how each is made from core values. */
public final class AdminWire {
  private AdminWire() {}

  /** A list answer: {@code { "data": [...] }}. */
  public record Data<T>(List<T> data) {}

  // ---- request bodies -----------------------------------------------------------------------------------------

  /** Adds ({@code POST}, with id and kind) or changes ({@code PATCH}) a provider; a field left out is left as is. */
  public record ProviderRequest(@Nullable String id, @Nullable String kind, @Nullable String name,
      @Json(name = "base_url") @Nullable String baseUrl, @Nullable String owner, @Nullable String visibility,
      @Json(name = "approval_policy") @Nullable String approvalPolicy, @Nullable Boolean enabled,
      @Json(name = "discovery_interval_s") @Nullable Long discoveryIntervalSeconds,
      @Json(name = "default_models") @Nullable Map<String, String> defaultModels,
      @Nullable Map<String, String> options, @Nullable String key) {}

  public record DiscoverRequest(@Nullable String provider, @Nullable String category, @Nullable Boolean force) {}

  public record StatusRequest(@Json(name = "model_ids") List<String> modelIds, String status) {}

  /** A provider's default (provider omitted or {@code *}: the global one); a null model clears it. */
  public record DefaultRequest(@Nullable String provider, String category,
      @Json(name = "model_id") @Nullable String modelId) {}

  public record MigrationRequest(String from, String to, @Nullable String reason, @Nullable Boolean automatic) {}

  public record UserRequest(String name, @Nullable String role, @Json(name = "org_id") @Nullable String orgId) {}

  public record OrgRequest(String name) {}

  public record AllowedModelsRequest(@Json(name = "allowed_models") List<String> allowedModels) {}

  public record KeyRequest(@Nullable String name) {}

  public record ApiKeyRequest(String provider, String key) {}

  /** {@code PUT /api/admin/aliases/{name}}: its models in order, defaults, and how calls spread over nodes. */
  public record AliasRequest(List<String> models, @Nullable Map<String, Object> defaults,
      @Nullable String strategy) {}

  // ---- answers ------------------------------------------------------------------------------------------------

  /** The default model just set: {@code provider} is {@code *} for the global one. */
  public record DefaultModel(String provider, String category, @Json(name = "model_id") @Nullable String modelId) {}

  /** One provider's health as a probe just saw it. */
  public record Health(
      String id, String status, @Json(name = "latency_ms") @Nullable Long latencyMs, @Nullable String detail,
      @Json(name = "checked_at") String checkedAt) {}

  public static Health health(String id, io.modelgate.core.model.HealthStatus status) {
    return new Health(id, status.state().wireName(), status.latency() == null ? null : status.latency().toMillis(),
        status.detail(), status.checkedAt().toString());
  }

  /** A discovery run: our fields, and seed 004's {@code results, totalNew, totalErrors} beside them. */
  public record Report(boolean ok, int added, int deprecated, List<ProviderRun> providers,
      List<DiscoveryResult> results, int totalNew, int totalErrors) {}

  /** Seed 004's {@code ModelDiscoveryResult}: one provider and category. */
  public record DiscoveryResult(String provider, String category, List<DiscoveredModel> discovered,
      List<DiscoveredModel> newModels, List<String> errors) {}

  /** Seed 004's {@code ModelInfo} of a discovered model. */
  public record DiscoveredModel(@Json(name = "model_id") String modelId, String id,
      @Json(name = "display_name") String displayName, @Nullable String description,
      @Json(name = "context_window") @Nullable Integer contextWindow,
      @Json(name = "supports_streaming") boolean supportsStreaming, String status) {
    public static DiscoveredModel of(CatalogEntry e) {
      return new DiscoveredModel(e.id().model(), e.id().toString(), e.displayName(), e.description(),
          e.contextWindow(), e.has(io.modelgate.core.model.Capability.STREAMING), e.status().wireName());
    }
  }

  public record ProviderRun(String provider, int listed, int added, int updated, int deprecated,
      Map<String, Integer> skipped, @Json(name = "cache_hit") boolean cacheHit, @Nullable String error,
      @Json(name = "retry_after_s") @Nullable Long retryAfterSeconds, @Json(name = "took_ms") long tookMs) {}

  /** A discovery's report; {@code scrub} cleans each provider's error text before it is shown. */
  public static Report report(DiscoveryReport r, List<DiscoveryResult> results, UnaryOperator<String> scrub) {
    int totalNew = results.stream().mapToInt(x -> x.newModels().size()).sum();
    int totalErrors = results.stream().mapToInt(x -> x.errors().size()).sum();
    return new Report(r.ok(), r.added(), r.deprecated(), r.providers().stream().map(p -> run(p, scrub)).toList(),
        results, totalNew, totalErrors);
  }

  /** One provider's part of a discovery; {@code scrub} cleans its error text before it is shown. */
  public static ProviderRun run(ProviderReport p, UnaryOperator<String> scrub) {
    return new ProviderRun(p.provider(), p.listed(), p.added(), p.updated(), p.deprecated(), p.skipped(),
        p.cacheHit(), p.error() == null ? null : scrub.apply(p.error()),
        p.retryAfter() == null ? null : p.retryAfter().toSeconds(), p.took().toMillis());
  }

  public record Bulk(List<String> updated, Map<String, String> failed) {}

  public record Migration(String from, String to, String reason, boolean automatic,
      @Json(name = "created_at") Instant createdAt) {}

  public static Migration migration(ModelMigration m) {
    return new Migration(m.from().toString(), m.to().toString(), m.reason().wireName(), m.automatic(),
        m.createdAt());
  }

  public record MigrationAdded(Migration migration, int rewritten) {}

  public record Instance(
      String id, String kind, String name, @Json(name = "base_url") @Nullable String baseUrl,
      @Nullable String owner, String visibility, @Json(name = "approval_policy") String approvalPolicy,
      boolean enabled, @Json(name = "default_models") Map<String, String> defaultModels,
      @Json(name = "discovery_interval_s") long discoveryIntervalSeconds, @Json(name = "has_key") boolean hasKey,
      Map<String, String> options) {}

  public static Instance instance(ProviderInstance i, boolean hasKey) {
    Map<String, String> defaults = new TreeMap<>();
    i.defaultModels().forEach((category, model) -> defaults.put(category.wireName(), i.id() + ":" + model));
    return new Instance(i.id(), i.kind().wireName(), i.displayName(), i.baseUrl(), i.owner(),
        i.visibility().name().toLowerCase(java.util.Locale.ROOT),
        i.approvalPolicy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), i.enabled(), defaults,
        i.discoveryInterval().toSeconds(), hasKey, i.options());
  }

  public record UserView(String id, String name, String role, @Json(name = "org_id") @Nullable String orgId,
      @Json(name = "created_at") Instant createdAt) {}

  public static UserView user(User u) {
    return new UserView(u.id(), u.name(), u.role().wireName(), u.orgId(), u.createdAt());
  }

  public record OrgView(String id, String name, @Json(name = "allowed_models") List<String> allowedModels,
      @Json(name = "created_at") Instant createdAt) {}

  public static OrgView org(Org o) {
    return new OrgView(o.id(), o.name(), o.allowedModels(), o.createdAt());
  }

  public record KeyView(String prefix, @Nullable String name, @Json(name = "user_id") String userId,
      @Json(name = "created_at") Instant createdAt, @Json(name = "last_used_at") @Nullable Instant lastUsedAt,
      @Json(name = "revoked_at") @Nullable Instant revokedAt) {}

  public static KeyView key(GatewayKey k) {
    return new KeyView(k.prefix(), k.name(), k.userId(), k.createdAt(), k.lastUsedAt(), k.revokedAt());
  }

  public record NewKey(String key, String prefix) {}

  public record Usage(@Json(name = "group_by") String groupBy, @Nullable Instant from, @Nullable Instant to,
      List<Total> totals) {}

  public record Total(String key, long requests, @Json(name = "prompt_tokens") long promptTokens,
      @Json(name = "completion_tokens") long completionTokens, @Json(name = "cached_tokens") long cachedTokens,
      @Json(name = "reasoning_tokens") long reasoningTokens, @Json(name = "cost_usd") BigDecimal costUsd) {}

  public static Total total(UsageTotal t) {
    return new Total(t.key(), t.requests(), t.promptTokens(), t.completionTokens(), t.cachedTokens(),
        t.reasoningTokens(), t.costUsd());
  }

  /** Limits as the quota API shows them; a missing field is unlimited. */
  public record Limits(@Json(name = "requests_per_day") @Nullable Long requestsPerDay,
      @Json(name = "requests_per_month") @Nullable Long requestsPerMonth,
      @Json(name = "tokens_per_month") @Nullable Long tokensPerMonth,
      @Json(name = "usd_per_month") @Nullable BigDecimal usdPerMonth, @Nullable Long rpm, @Nullable Long tpm) {}

  public static Limits limits(QuotaLimits l) {
    return new Limits(l.requestsPerDay(), l.requestsPerMonth(), l.tokensPerMonth(), l.usdPerMonth(), l.rpm(),
        l.tpm());
  }

  /** One subject's limits, as the list of every subject with limits shows them. */
  public record QuotaEntry(String kind, String id, Limits limits) {}

  public static QuotaEntry quotaLimits(QuotaSubject subject, QuotaLimits limits) {
    return new QuotaEntry(subject.kind().wireName(), subject.id(), limits(limits));
  }

  /** One subject's limits and, for each that is set, how much is used and left in the current window. */
  public record Quota(String kind, String id, Limits limits, List<QuotaUse> usage) {}

  /** {@code subject}'s limits and where it stands against each. */
  public static Quota quota(QuotaSubject subject, QuotaLimits limits, QuotaStatus status) {
    return new Quota(subject.kind().wireName(), subject.id(), limits(limits),
        status.entries().stream().map(AdminWire::quotaUse).toList());
  }

  public record QuotaUse(String limit, BigDecimal max, BigDecimal used, BigDecimal remaining,
      @Json(name = "resets_at") Instant resetsAt) {}

  public static QuotaUse quotaUse(QuotaStatus.Entry e) {
    return new QuotaUse(e.meter().wireName(), e.limit(), e.used(), e.remaining(), e.resetsAt());
  }

  public record Billed(@Json(name = "group_by") String groupBy, @Nullable Instant from, @Nullable Instant to,
      List<BilledRow> groups) {}

  public record BilledRow(String key, long requests, @Json(name = "billed_requests") long billedRequests,
      @Json(name = "estimated_usd") BigDecimal estimatedUsd, @Json(name = "billed_usd") BigDecimal billedUsd,
      @Json(name = "difference_usd") BigDecimal differenceUsd, boolean complete) {}

  public static BilledRow billed(BilledVsEstimated b) {
    return new BilledRow(b.key(), b.requests(), b.billedRequests(), b.estimatedUsd(), b.billedUsd(),
        b.differenceUsd(), b.complete());
  }

  /** One conversation's usage: totals, per model, and its calls oldest first. */
  /**
   * One conversation's usage; {@code model_provider}, {@code model_name} (the model that served its latest call)
   * and {@code estimated_cost} are seed 002's conversation columns, beside ours.
   */
  public record Conversation(@Json(name = "conversation_id") String conversationId, long requests,
      @Json(name = "cost_usd") BigDecimal costUsd, @Json(name = "by_model") List<Total> byModel,
      List<UsageCall> calls, boolean complete,
      @Json(name = "model_provider") @Nullable String modelProvider,
      @Json(name = "model_name") @Nullable String modelName,
      @Json(name = "estimated_cost") BigDecimal estimatedCost) {}

  public record UsageCall(Instant at, @Json(name = "request_id") String requestId, String operation,
      @Nullable String user, @Json(name = "requested_model") @Nullable String requestedModel,
      @Json(name = "served_model") @Nullable String servedModel, @Nullable String provider, String route,
      @Json(name = "prompt_tokens") long promptTokens, @Json(name = "completion_tokens") long completionTokens,
      @Json(name = "cached_tokens") long cachedTokens, @Json(name = "reasoning_tokens") long reasoningTokens,
      @Json(name = "cost_usd") BigDecimal costUsd, @Json(name = "billed_cost_usd") @Nullable BigDecimal billedCostUsd,
      String outcome) {}

  public static UsageCall call(UsageRecord r) {
    return new UsageCall(r.at(), r.requestId(), r.operation(), r.principal(), r.requestedModel(), r.servedModel(),
        r.provider(), r.route(), r.usage().promptTokens(), r.usage().completionTokens(), r.usage().cachedTokens(),
        r.usage().reasoningTokens(), r.costUsd(), r.usage().billedCostUsd(), r.outcome().wireName());
  }

  public record Alias(String name, List<String> models, Map<String, Object> defaults, String strategy) {}

  public static Alias alias(ModelAlias a) {
    return new Alias(a.name(), a.models().stream().map(Object::toString).toList(), a.defaults(),
        a.balancing().wireName());
  }

  public record Audit(Instant at, String actor, String action, String target, @Nullable String before,
      @Nullable String after) {}

  public static Audit audit(AuditEvent e) {
    return new Audit(e.at(), e.actor(), e.action(), e.target(), e.before(), e.after());
  }

  // ---- the user's own data ----------------------------------------------------------------------------------------

  /** A user's stored provider key as seed 003 lists it: {@code id, provider, key_name, masked, created_at, ...}. */
  public record ProviderKey(long id, String provider, @Json(name = "key_name") @Nullable String keyName,
      String masked, @Json(name = "created_at") Instant createdAt,
      @Json(name = "last_used_at") @Nullable Instant lastUsedAt) {}

  public static ProviderKey providerKey(StoredCredential c) {
    return new ProviderKey(c.id(), c.instance(), c.name(), c.masked(), c.createdAt(), c.lastUsedAt());
  }

  /** Seed 003's {@code config} of a provider config. */
  public record ProviderSettings(@Nullable String model, @Nullable Double temperature,
      @Json(name = "max_tokens") @Nullable Integer maxTokens) {}

  /** A user's provider config, in our fields and seed 003's ({@code provider_type, api_key_id, config}). */
  public record ProviderConfig(String provider, @Json(name = "provider_type") String providerType,
      @Json(name = "default_model") @Nullable String defaultModel,
      @Nullable Double temperature, @Json(name = "max_tokens") @Nullable Integer maxTokens,
      @Json(name = "is_default") boolean isDefault, @Json(name = "has_key") boolean hasKey,
      @Json(name = "masked_key") @Nullable String maskedKey, @Json(name = "api_key_id") @Nullable Long apiKeyId,
      ProviderSettings config, @Json(name = "updated_at") Instant updatedAt) {}

  public record Preferences(@Json(name = "default_models") Map<String, String> defaultModels) {}

  public record Me(String id, String name, String role, @Json(name = "org_id") @Nullable String orgId) {}
}
