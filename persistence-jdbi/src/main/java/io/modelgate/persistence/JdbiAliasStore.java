package io.modelgate.persistence;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.ModelAlias;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Aliases in {@code model_alias}: the ordered model ids and the default parameters as JSON text, and the balancing
 * strategy by its wire name (null for the default).
 */
final class JdbiAliasStore implements AliasStore {
  private final Jdbi jdbi;

  JdbiAliasStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<ModelAlias> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT name, models, defaults_json, strategy FROM model_alias WHERE name = :n")
        .bind("n", name).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public List<ModelAlias> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT name, models, defaults_json, strategy FROM model_alias")
        .map((rs, ctx) -> read(rs)).list()).stream().sorted(Comparator.comparing(ModelAlias::name)).toList();
  }

  @Override
  public void save(ModelAlias alias) {
    Objects.requireNonNull(alias, "'alias' must not be null");
    String models = Json.write(alias.models().stream().map(ModelId::toString).toList());
    String defaults = Json.write(alias.defaults());
    Transactions.upsert(jdbi,
        h -> bind(h.createUpdate("UPDATE model_alias SET models = :models, defaults_json = :defaults, "
            + "strategy = :strategy WHERE name = :name"), alias, models, defaults).execute(),
        h -> bind(h.createUpdate("INSERT INTO model_alias (name, models, defaults_json, strategy) "
            + "VALUES (:name, :models, :defaults, :strategy)"), alias, models, defaults).execute());
  }

  @Override
  public boolean delete(String name) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM model_alias WHERE name = :n").bind("n", name).execute())
        > 0;
  }

  @Override
  public int replaceModel(ModelId from, ModelId to) {
    Objects.requireNonNull(from, "'from' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    return jdbi.inTransaction(h -> {
      int changed = 0;
      List<ModelAlias> all = h.createQuery("SELECT name, models, defaults_json, strategy FROM model_alias")
          .map((rs, ctx) -> read(rs)).list();
      for (ModelAlias alias : all) {
        if (!alias.models().contains(from)) {
          continue;
        }
        List<String> models = alias.models().stream().map(m -> m.equals(from) ? to : m).distinct()
            .map(ModelId::toString).toList();
        h.createUpdate("UPDATE model_alias SET models = :models WHERE name = :name")
            .bind("models", Json.write(models)).bind("name", alias.name()).execute();
        changed++;
      }
      return changed;
    });
  }

  private static <S extends SqlStatement<S>> S bind(S s, ModelAlias alias, String models, String defaults) {
    return s.bind("name", alias.name()).bind("models", models).bind("defaults", defaults)
        .bind("strategy", alias.strategy() == null ? null : alias.strategy().wireName());
  }

  private static ModelAlias read(ResultSet rs) throws SQLException {
    return new ModelAlias(rs.getString("name"),
        Json.readStrings(rs.getString("models")).stream().map(ModelId::parse).toList(),
        Json.readObject(rs.getString("defaults_json")),
        rs.getString("strategy") == null ? null : BalanceStrategy.parse(rs.getString("strategy")));
  }
}
