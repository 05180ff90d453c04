package io.modelgate.adapter.cli;

import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.usage.UsageGroupBy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the commands ask of Modelgate, in either mode: {@link EmbeddedBackend} over the core services and the
 * configured database, {@link RemoteBackend} over a running server's HTTP API. Every answer is already the
 * documented {@code --json} view (a map or a list of maps with the keys the README lists), so both modes print the
 * same thing. Arguments arrive parsed and checked; a bad one never reaches a backend. Not thread-safe: one run, one
 * backend.
 */
interface Backend extends AutoCloseable {
  /** A JSON-shaped view: string keys in their documented order; values are strings, numbers, lists or views. */
  @SuppressWarnings("serial")
  final class View extends java.util.LinkedHashMap<String, Object> {
    View() {}

    View(Map<String, ?> from) {
      putAll(from);
    }

    View with(String key, @Nullable Object value) {
      put(key, value);
      return this;
    }

    @Nullable String text(String key) {
      Object v = get(key);
      return v == null ? null : v.toString();
    }
  }

  // ---- models -----------------------------------------------------------------------------------------------

  List<View> models(ModelFilter filter);

  /** Every entry with this id (usually one). */
  List<View> model(ModelId id);

  /** Discovers and reports each provider through {@code progress} as it finishes; returns every report. */
  List<View> discover(@Nullable String provider, @Nullable ModelCategory category, boolean force,
      Consumer<View> progress);

  /** {@code { status, updated: [id], failed: { id: why } }} */
  View setStatus(List<ModelId> ids, ModelStatus status);

  /** Sets (or, with a null model, clears) a provider's default, or the global one when provider is null. */
  View setDefault(@Nullable String provider, ModelCategory category, @Nullable ModelId model);

  /** Whose text default {@link #setCallerDefault} sets: an org's (for its members) or an agent's (seed 002). */
  enum CallerScope {
    ORGANIZATION, AGENT;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Sets (or, with a null model, clears) an org's or an agent's text default: {@code { scope, id, model }}. */
  View setCallerDefault(CallerScope scope, String id, @Nullable ModelId model);

  /** {@code { provider, category, model }}: a provider's default, or the global one when provider is null. */
  View getDefault(@Nullable String provider, ModelCategory category);

  View addMigration(ModelMigration migration);

  List<View> migrations();

  // ---- providers --------------------------------------------------------------------------------------------

  /** Every provider instance; with {@code probe} set, each is health-checked concurrently within {@code timeout}. */
  List<View> providers(boolean probe, Duration timeout);

  /**
   * A provider instance to add or change; a null part is left as it is on update. {@code options} are set one by
   * one over the instance's others (an empty value removes that option).
   */
  record ProviderSpec(String id, @Nullable ProviderKind kind, @Nullable String name, @Nullable String baseUrl,
      @Nullable Boolean enabled, Map<String, String> options) {
    public ProviderSpec {
      ModelId.checkInstanceId(id);
      options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** {@code current} with these options set over it. */
    Map<String, String> optionsOver(Map<String, String> current) {
      Map<String, String> merged = new java.util.LinkedHashMap<>(current);
      options.forEach((k, v) -> {
        if (v.isBlank()) {
          merged.remove(k);
        } else {
          merged.put(k, v);
        }
      });
      return merged;
    }
  }

  /** Adds a shared instance; its key, if any, goes to the credential vault. */
  View addProvider(ProviderSpec spec, @Nullable Secret key);

  /** Changes an instance; a non-null key replaces its shared key. */
  View updateProvider(ProviderSpec spec, @Nullable Secret key);

  void removeProvider(String id);

  // ---- chat -------------------------------------------------------------------------------------------------

  /** A chat turn; {@code conversation}, when set, joins the call to that conversation (which pins its model). */
  record ChatInput(@Nullable String model, @Nullable String system, String prompt, @Nullable String conversation) {
    public ChatInput {
      if (prompt == null || prompt.isBlank()) {
        throw new IllegalArgumentException("no prompt: give it as an argument or on standard input");
      }
      if (conversation != null && conversation.isBlank()) {
        throw new IllegalArgumentException("'--conversation' must not be blank");
      }
    }
  }

  /** Streams the reply's text to {@code text} as it arrives; returns the final response with route and usage. */
  View chat(ChatInput input, Consumer<String> text);

  // ---- users' provider keys ----------------------------------------------------------------------------------

  /** The user's provider keys, masked; {@code user} is null for the caller itself (remote mode). */
  List<View> keys(@Nullable String user);

  View addKey(@Nullable String user, String provider, Secret key);

  void removeKey(@Nullable String user, String provider);

  // ---- accounts ---------------------------------------------------------------------------------------------

  /** {@code { key, prefix, user_id, name }}: the only time the key is shown. */
  View createGatewayKey(String user, @Nullable String name);

  List<View> gatewayKeys(String user);

  void revokeGatewayKey(String prefix);

  List<View> users();

  View createUser(String name, String role, @Nullable String org);

  List<View> orgs();

  View createOrg(String name);

  View allowModels(String org, List<String> patterns);

  // ---- aliases ----------------------------------------------------------------------------------------------

  /** {@code { name, models, defaults, strategy }} of every alias. */
  List<View> aliases();

  /**
   * Creates or replaces an alias: its models in order, its default parameters, and how calls spread over the nodes
   * serving one of them ({@code strategy} null for the default).
   */
  View saveAlias(String name, List<ModelId> models, Map<String, Object> defaults,
      @Nullable BalanceStrategy strategy);

  void removeAlias(String name);

  // ---- quota and usage ---------------------------------------------------------------------------------------

  View quota(QuotaSubject subject);

  View setQuota(QuotaSubject subject, QuotaLimits limits);

  List<View> usage(UsageGroupBy by, @Nullable Instant since, @Nullable Instant until);

  // ---- audit ------------------------------------------------------------------------------------------------

  /** {@code { at, actor, action, target, before, after }}, newest first. */
  List<View> audit(int limit);

  @Override
  void close();
}
