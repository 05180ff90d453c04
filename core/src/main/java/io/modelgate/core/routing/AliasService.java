package io.modelgate.core.routing;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.AuditLog;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Aliases for an admin: each change validated, saved and written to the audit log. Thread-safe. */
public final class AliasService {
  private final AliasStore aliases;
  private final AuditLog audit;
  private final InstantSource clock;

  @Inject
  public AliasService(AliasStore aliases, AuditLog audit, InstantSource clock) {
    this.aliases = aliases;
    this.audit = audit;
    this.clock = clock;
  }

  public List<ModelAlias> list() {
    return aliases.list();
  }

  public ModelAlias get(String name) {
    return aliases.find(name).orElseThrow(() -> new ModelNotFoundException("no alias '" + name + "'"));
  }

  /** Creates or replaces the alias {@code name}, balancing by the default strategy. */
  public ModelAlias save(String actor, String name, List<ModelId> models, Map<String, Object> defaults) {
    return save(actor, name, models, defaults, null);
  }

  /** Creates or replaces the alias {@code name}; {@code strategy} null is the default. */
  public ModelAlias save(String actor, String name, List<ModelId> models, Map<String, Object> defaults,
      @Nullable BalanceStrategy strategy) {
    ModelAlias alias;
    try {
      alias = new ModelAlias(name, models, defaults, strategy);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), models == null || models.isEmpty() ? "models" : "name");
    }
    String before = aliases.find(name).map(AliasService::modelsJson).orElse(null);
    aliases.save(alias);
    audit.append(new AuditEvent(clock.instant(), actor, "alias.save", name, before, modelsJson(alias)));
    return alias;
  }

  public void delete(String actor, String name) {
    ModelAlias existing = get(name);
    aliases.delete(name);
    audit.append(new AuditEvent(clock.instant(), actor, "alias.delete", name, modelsJson(existing), null));
  }

  private static String modelsJson(ModelAlias alias) {
    return alias.models().stream().map(m -> "\"" + m + "\"")
        .collect(Collectors.joining(",", "{\"models\":[", "]"))
        + (alias.strategy() == null ? "" : ",\"strategy\":\"" + alias.strategy().wireName() + "\"") + "}";
  }
}
