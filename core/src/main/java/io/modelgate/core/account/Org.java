package io.modelgate.core.account;

import io.modelgate.core.model.ModelId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A team. {@code allowedModels} holds model ids and {@code provider:*} patterns; empty means every model.
 */
public record Org(String id, String name, List<String> allowedModels, Instant createdAt) {
  public Org {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("'id' must not be blank");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("'name' must not be blank");
    }
    allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    for (String pattern : allowedModels) {
      checkPattern(pattern);
    }
    Objects.requireNonNull(createdAt, "'createdAt' must not be null");
  }

  /** Whether the org may use {@code model}: no list allows all; otherwise an exact id or its provider's wildcard. */
  public boolean allows(ModelId model) {
    if (allowedModels.isEmpty()) {
      return true;
    }
    String id = model.toString();
    String wildcard = model.instance() + ":*";
    return allowedModels.contains(id) || allowedModels.contains(wildcard);
  }

  public Org withAllowedModels(List<String> patterns) {
    return new Org(id, name, patterns, createdAt);
  }

  private static void checkPattern(String pattern) {
    if (pattern != null && pattern.endsWith(":*")) {
      io.modelgate.core.model.ModelId.checkInstanceId(pattern.substring(0, pattern.length() - 2));
    } else {
      ModelId.parse(pattern);
    }
  }
}
