package io.modelgate.core.provider;

import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Visibility;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an admin asks to change in a provider; a part not given is left as it is (a part given as {@code null} is
 * cleared). Built with {@link #builder()}; immutable. The provider's key is not a part: it is passed on its own so
 * that it never travels inside a value that may be logged.
 */
public final class ProviderChanges {
  /** The parts of a provider an admin may change. */
  enum Part { NAME, BASE_URL, OWNER, VISIBILITY, APPROVAL_POLICY, ENABLED, DISCOVERY_INTERVAL, DEFAULT_MODELS, OPTIONS }

  /** No change at all. */
  public static final ProviderChanges NONE = builder().build();

  private final Set<Part> given;
  private final @Nullable String name;
  private final @Nullable String baseUrl;
  private final @Nullable String owner;
  private final @Nullable Visibility visibility;
  private final @Nullable ApprovalPolicy approvalPolicy;
  private final boolean enabled;
  private final @Nullable Duration discoveryInterval;
  private final Map<ModelCategory, @Nullable String> defaultModels;
  private final Map<String, String> options;

  private ProviderChanges(Builder b) {
    given = b.given.isEmpty() ? Set.of() : EnumSet.copyOf(b.given);
    name = b.name;
    baseUrl = b.baseUrl;
    owner = b.owner;
    visibility = b.visibility;
    approvalPolicy = b.approvalPolicy;
    enabled = b.enabled;
    discoveryInterval = b.discoveryInterval;
    defaultModels = new EnumMap<>(b.defaultModels);
    options = Map.copyOf(b.options);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether nothing is to change. */
  public boolean isEmpty() {
    return given.isEmpty();
  }

  /** The owner asked for, when one is (null: made shared); empty when the owner is not to change. */
  @Nullable String owner() {
    return owner;
  }

  boolean changesOwner() {
    return given.contains(Part.OWNER);
  }

  /** Applies the changes to {@code b}. */
  void applyTo(ProviderInstance.Builder b) {
    if (given.contains(Part.NAME)) {
      b.displayName(name);
    }
    if (given.contains(Part.BASE_URL)) {
      b.baseUrl(baseUrl);
    }
    if (given.contains(Part.OWNER)) {
      b.owner(owner);
    }
    if (given.contains(Part.VISIBILITY)) {
      b.visibility(visibility);
    }
    if (given.contains(Part.APPROVAL_POLICY)) {
      b.approvalPolicy(approvalPolicy);
    }
    if (given.contains(Part.ENABLED)) {
      b.enabled(enabled);
    }
    if (given.contains(Part.DISCOVERY_INTERVAL)) {
      b.discoveryInterval(discoveryInterval);
    }
    defaultModels.forEach(b::defaultModel);
    if (given.contains(Part.OPTIONS)) {
      b.options(options);
    }
  }

  /** Collects the changes. Not thread-safe. */
  public static final class Builder {
    private final EnumSet<Part> given = EnumSet.noneOf(Part.class);
    private @Nullable String name;
    private @Nullable String baseUrl;
    private @Nullable String owner;
    private @Nullable Visibility visibility;
    private @Nullable ApprovalPolicy approvalPolicy;
    private boolean enabled;
    private @Nullable Duration discoveryInterval;
    private final EnumMap<ModelCategory, @Nullable String> defaultModels = new EnumMap<>(ModelCategory.class);
    private Map<String, String> options = Map.of();

    private Builder() {}

    /** A friendly name; null falls back to the id. */
    public Builder name(@Nullable String value) {
      given.add(Part.NAME);
      name = value;
      return this;
    }

    public Builder baseUrl(@Nullable String value) {
      given.add(Part.BASE_URL);
      baseUrl = value;
      return this;
    }

    /** The user who owns a private node; null makes it shared. */
    public Builder owner(@Nullable String value) {
      given.add(Part.OWNER);
      owner = value;
      return this;
    }

    public Builder visibility(Visibility value) {
      given.add(Part.VISIBILITY);
      visibility = value;
      return this;
    }

    public Builder approvalPolicy(ApprovalPolicy value) {
      given.add(Part.APPROVAL_POLICY);
      approvalPolicy = value;
      return this;
    }

    public Builder enabled(boolean value) {
      given.add(Part.ENABLED);
      enabled = value;
      return this;
    }

    public Builder discoveryInterval(Duration value) {
      given.add(Part.DISCOVERY_INTERVAL);
      discoveryInterval = value;
      return this;
    }

    /** The provider's default model for {@code category}: the model's name at this provider; null clears it. */
    public Builder defaultModel(ModelCategory category, @Nullable String model) {
      given.add(Part.DEFAULT_MODELS);
      defaultModels.put(category, model);
      return this;
    }

    /** Replaces every driver option. */
    public Builder options(Map<String, String> value) {
      given.add(Part.OPTIONS);
      options = new LinkedHashMap<>(value);
      return this;
    }

    public ProviderChanges build() {
      return new ProviderChanges(this);
    }
  }
}
