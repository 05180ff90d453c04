package io.modelgate.core.memory;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.routing.ModelAlias;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link AliasStore} in a map: nothing survives the process. */
public final class InMemoryAliasStore implements AliasStore {
  private final ConcurrentMap<String, ModelAlias> aliases = new ConcurrentHashMap<>();

  @Override
  public Optional<ModelAlias> find(String name) {
    return Optional.ofNullable(aliases.get(name));
  }

  @Override
  public List<ModelAlias> list() {
    return aliases.values().stream().sorted(Comparator.comparing(ModelAlias::name)).toList();
  }

  @Override
  public void save(ModelAlias alias) {
    aliases.put(Objects.requireNonNull(alias, "'alias' must not be null").name(), alias);
  }

  @Override
  public boolean delete(String name) {
    return aliases.remove(name) != null;
  }

  @Override
  public int replaceModel(ModelId from, ModelId to) {
    Objects.requireNonNull(from, "'from' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    int[] changed = {0};
    aliases.replaceAll((name, alias) -> {
      if (!alias.models().contains(from)) {
        return alias;
      }
      changed[0]++;
      return new ModelAlias(name, alias.models().stream().map(m -> m.equals(from) ? to : m).distinct().toList(),
          alias.defaults(), alias.strategy());
    });
    return changed[0];
  }
}
