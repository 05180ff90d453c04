package io.modelgate.core.memory;

import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.MigrationStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link MigrationStore} in a map: nothing survives the process. */
public final class InMemoryMigrationStore implements MigrationStore {
  private final ConcurrentMap<ModelId, ModelMigration> migrations = new ConcurrentHashMap<>();

  @Override
  public void save(ModelMigration migration) {
    migrations.put(Objects.requireNonNull(migration, "'migration' must not be null").from(), migration);
  }

  @Override
  public Optional<ModelMigration> from(ModelId id) {
    return Optional.ofNullable(migrations.get(id));
  }

  @Override
  public List<ModelMigration> list() {
    return migrations.values().stream().sorted(Comparator.comparing(ModelMigration::from)).toList();
  }
}
