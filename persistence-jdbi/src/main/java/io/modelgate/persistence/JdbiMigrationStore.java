package io.modelgate.persistence;

import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.MigrationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Model-id migrations in {@code model_migration}, keyed by the old id. */
final class JdbiMigrationStore implements MigrationStore {
  private final Jdbi jdbi;

  JdbiMigrationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void save(ModelMigration migration) {
    Objects.requireNonNull(migration, "'migration' must not be null");
    Transactions.upsert(jdbi,
        h -> bind(h.createUpdate("UPDATE model_migration SET to_model = :to, reason = :reason, "
            + "automatic = :automatic, created_at = :created_at WHERE from_model = :from"), migration).execute(),
        h -> bind(h.createUpdate("INSERT INTO model_migration (from_model, to_model, reason, automatic, created_at) "
            + "VALUES (:from, :to, :reason, :automatic, :created_at)"), migration).execute());
  }

  @Override
  public Optional<ModelMigration> from(ModelId id) {
    Objects.requireNonNull(id, "'id' must not be null");
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM model_migration WHERE from_model = :from")
        .bind("from", id.toString()).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public List<ModelMigration> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM model_migration").map((rs, ctx) -> read(rs)).list())
        .stream().sorted(Comparator.comparing(ModelMigration::from)).toList();
  }

  private static <S extends SqlStatement<S>> S bind(S s, ModelMigration m) {
    return s.bind("from", m.from().toString()).bind("to", m.to().toString()).bind("reason", m.reason().name())
        .bind("automatic", m.automatic() ? 1 : 0).bind("created_at", m.createdAt().toEpochMilli());
  }

  private static ModelMigration read(ResultSet rs) throws SQLException {
    return new ModelMigration(ModelId.parse(rs.getString("from_model")), ModelId.parse(rs.getString("to_model")),
        ModelMigration.Reason.valueOf(rs.getString("reason")), rs.getInt("automatic") != 0,
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
