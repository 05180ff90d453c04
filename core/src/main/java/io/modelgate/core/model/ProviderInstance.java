package io.modelgate.core.model;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One configured endpoint of a provider: the shared {@code openai} account, or Ollama on someone's Mac Studio.
 *
 * @param credentialRef where its shared key comes from (the environment or the vault), never the key; {@code null}:
 *     the vault, if it holds one
 * @param owner the user who owns a private node, or {@code null} for a shared instance
 * @param defaultModels the model served for a category when a request names this provider's unusable model
 * @param options driver-specific settings (extra headers, a preset name), never secrets
 */
public record ProviderInstance(
    String id,
    ProviderKind kind,
    String displayName,
    @Nullable String baseUrl,
    @Nullable CredentialRef credentialRef,
    @Nullable String owner,
    Visibility visibility,
    ApprovalPolicy approvalPolicy,
    Map<ModelCategory, String> defaultModels,
    Duration discoveryInterval,
    boolean enabled,
    Map<String, String> options) {

  /** The option that marks an instance as coming from configuration rather than an admin. */
  public static final String ORIGIN_OPTION = "origin";

  /** The value of {@link #ORIGIN_OPTION} for an instance that configuration names. */
  public static final String CONFIGURED = "config";

  public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofMinutes(5);

  /** The option every driver reads for its read timeout, in milliseconds. */
  public static final String READ_TIMEOUT_OPTION = "read-timeout-ms";

  /** A credential reference to an environment variable: {@code env:OPENAI_API_KEY}. */
  public static CredentialRef envCredential(String variable) {
    return CredentialRef.env(variable);
  }

  public ProviderInstance {
    ModelId.checkInstanceId(id);
    Objects.requireNonNull(kind, "'kind' must not be null");
    if (displayName == null || displayName.isBlank()) {
      displayName = id;
    }
    if (baseUrl != null && !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("'baseUrl' must start with http:// or https://, was '" + baseUrl + "'");
    }
    visibility = visibility == null ? Visibility.PUBLIC : visibility;
    approvalPolicy = approvalPolicy == null ? ApprovalPolicy.MANUAL : approvalPolicy;
    defaultModels = defaultModels == null || defaultModels.isEmpty()
        ? Map.of() : Map.copyOf(new EnumMap<>(defaultModels));
    discoveryInterval = discoveryInterval == null ? DEFAULT_DISCOVERY_INTERVAL : discoveryInterval;
    if (discoveryInterval.isNegative()) {
      throw new IllegalArgumentException("'discoveryInterval' must not be negative");
    }
    options = options == null ? Map.of() : Map.copyOf(options);
    if (visibility == Visibility.PRIVATE && owner == null) {
      throw new IllegalArgumentException("a private provider instance needs an 'owner'");
    }
  }

  public static Builder builder(String id, ProviderKind kind) {
    return new Builder(id, kind);
  }

  public Builder newBuilder() {
    Builder b = new Builder(id, kind);
    b.displayName = displayName;
    b.baseUrl = baseUrl;
    b.credentialRef = credentialRef;
    b.owner = owner;
    b.visibility = visibility;
    b.approvalPolicy = approvalPolicy;
    b.defaultModels = new EnumMap<>(ModelCategory.class);
    b.defaultModels.putAll(defaultModels);
    b.discoveryInterval = discoveryInterval;
    b.enabled = enabled;
    b.options = options;
    return b;
  }

  /** The option {@code name}, or {@code fallback} when not set. */
  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  /**
   * The read timeout from {@link #READ_TIMEOUT_OPTION} (a positive number of milliseconds), or {@code fallback}
   * when it is not set; a bad value is an error that names the option and the instance.
   */
  public Duration readTimeout(Duration fallback) {
    String value = options.getOrDefault(READ_TIMEOUT_OPTION, "").strip();
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long millis = Long.parseLong(value);
      if (millis > 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option '" + READ_TIMEOUT_OPTION + "' of instance '" + id
        + "' must be a positive number of milliseconds, was '" + value + "'");
  }

  public @Nullable ModelId defaultModel(ModelCategory category) {
    String model = defaultModels.get(category);
    return model == null ? null : new ModelId(id, model);
  }

  /** Whether the shared key comes from an environment variable (and so is changed there, not through Modelgate). */
  public boolean keyFromEnvironment() {
    return credentialRef instanceof CredentialRef.Env;
  }

  /** Whether the instance comes from configuration (the environment or {@code modelgate.yaml}), not an admin. */
  public boolean configured() {
    return CONFIGURED.equals(options.get(ORIGIN_OPTION));
  }

  /** Whether a caller who is {@code userId} (null: anonymous or a system task) may see this instance. */
  public boolean visibleTo(@Nullable String userId) {
    return visibility == Visibility.PUBLIC || (userId != null && userId.equals(owner));
  }

  /** Builds a {@link ProviderInstance}; only id and kind are required. */
  public static final class Builder {
    private final String id;
    private final ProviderKind kind;
    private @Nullable String displayName;
    private @Nullable String baseUrl;
    private @Nullable CredentialRef credentialRef;
    private @Nullable String owner;
    private Visibility visibility = Visibility.PUBLIC;
    private ApprovalPolicy approvalPolicy = ApprovalPolicy.MANUAL;
    private EnumMap<ModelCategory, String> defaultModels = new EnumMap<>(ModelCategory.class);
    private Duration discoveryInterval = DEFAULT_DISCOVERY_INTERVAL;
    private boolean enabled = true;
    private Map<String, String> options = Map.of();

    private Builder(String id, ProviderKind kind) {
      this.id = id;
      this.kind = kind;
    }

    public Builder displayName(@Nullable String value) { displayName = value; return this; }
    public Builder baseUrl(@Nullable String value) { baseUrl = value; return this; }
    public Builder credentialRef(@Nullable CredentialRef value) { credentialRef = value; return this; }
    public Builder owner(@Nullable String value) { owner = value; return this; }
    public Builder visibility(Visibility value) { visibility = value; return this; }
    public Builder approvalPolicy(ApprovalPolicy value) { approvalPolicy = value; return this; }
    public Builder discoveryInterval(Duration value) { discoveryInterval = value; return this; }
    public Builder enabled(boolean value) { enabled = value; return this; }
    public Builder options(Map<String, String> value) { options = value; return this; }

    public Builder defaultModel(ModelCategory category, @Nullable String model) {
      if (model == null) {
        defaultModels.remove(category);
      } else {
        defaultModels.put(category, model);
      }
      return this;
    }

    public ProviderInstance build() {
      return new ProviderInstance(id, kind, displayName, baseUrl, credentialRef, owner, visibility, approvalPolicy,
          defaultModels, discoveryInterval, enabled, options);
    }
  }
}
