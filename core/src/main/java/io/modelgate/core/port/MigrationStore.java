package io.modelgate.core.port;

import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.ModelId;
import java.util.List;
import java.util.Optional;

/** Model-id migrations, old id to new. Thread-safe. */
public interface MigrationStore {
  /** Adds or replaces the migration from {@code migration.from()}. */
  void save(ModelMigration migration);

  Optional<ModelMigration> from(ModelId id);

  List<ModelMigration> list();
}
