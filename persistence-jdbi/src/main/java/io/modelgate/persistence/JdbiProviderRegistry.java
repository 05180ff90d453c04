package io.modelgate.persistence;

import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.ProviderRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/** Provider instances in {@code provider_instance}, their last discovery per category in {@code provider_discovery}. */
final class JdbiProviderRegistry implements ProviderRegistry {
  private static final String COLUMNS = "id, kind, display_name, base_url, credential_ref, owner_id, visibility, "
      + "approval_policy, default_models, discovery_interval_ms, enabled, options_json";

  private final Jdbi jdbi;

  JdbiProviderRegistry(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<ProviderInstance> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM provider_instance")
        .map((rs, ctx) -> read(rs)).list()).stream()
        .sorted(java.util.Comparator.comparing(ProviderInstance::id)).toList();
  }

  @Override
  public Optional<ProviderInstance> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM provider_instance WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public void save(ProviderInstance instance) {
    Objects.requireNonNull(instance, "'instance' must not be null");
    Transactions.upsert(jdbi,
        h -> bind(h.createUpdate("UPDATE provider_instance SET kind = :kind, display_name = :display_name, "
            + "base_url = :base_url, credential_ref = :credential_ref, owner_id = :owner_id, "
            + "visibility = :visibility, approval_policy = :approval_policy, default_models = :default_models, "
            + "discovery_interval_ms = :discovery_interval_ms, enabled = :enabled, options_json = :options_json "
            + "WHERE id = :id"), instance).execute(),
        h -> bind(h.createUpdate("INSERT INTO provider_instance (" + COLUMNS + ") VALUES (:id, :kind, "
            + ":display_name, :base_url, :credential_ref, :owner_id, :visibility, :approval_policy, "
            + ":default_models, :discovery_interval_ms, :enabled, :options_json)"), instance).execute());
  }

  @Override
  public boolean remove(String id) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM provider_discovery WHERE instance = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM provider_instance WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  @Override
  public Optional<Instant> lastDiscovery(String id, ModelCategory category) {
    Objects.requireNonNull(category, "'category' must not be null");
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT discovered_at FROM provider_discovery WHERE instance = :id AND category = :category")
        .bind("id", id).bind("category", category.name())
        .map((rs, ctx) -> Instant.ofEpochMilli(rs.getLong(1))).findOne());
  }

  @Override
  public void markDiscovered(String id, ModelCategory category, Instant when) {
    Objects.requireNonNull(id, "'id' must not be null");
    Objects.requireNonNull(category, "'category' must not be null");
    Objects.requireNonNull(when, "'when' must not be null");
    Transactions.upsert(jdbi,
        h -> h.createUpdate("UPDATE provider_discovery SET discovered_at = :when "
                + "WHERE instance = :id AND category = :category")
            .bind("id", id).bind("category", category.name()).bind("when", when.toEpochMilli()).execute(),
        h -> h.createUpdate("INSERT INTO provider_discovery (instance, category, discovered_at) "
                + "VALUES (:id, :category, :when)")
            .bind("id", id).bind("category", category.name()).bind("when", when.toEpochMilli()).execute());
  }

  private static <S extends SqlStatement<S>> S bind(S s, ProviderInstance p) {
    Map<String, String> defaults = new TreeMap<>();
    p.defaultModels().forEach((category, model) -> defaults.put(category.name(), model));
    return s.bind("id", p.id())
        .bind("kind", p.kind().name())
        .bind("display_name", p.displayName())
        .bind("base_url", p.baseUrl())
        .bind("credential_ref", p.credentialRef() == null ? null : p.credentialRef().text())
        .bind("owner_id", p.owner())
        .bind("visibility", p.visibility().name())
        .bind("approval_policy", p.approvalPolicy().name())
        .bind("default_models", Json.write(defaults))
        .bind("discovery_interval_ms", p.discoveryInterval().toMillis())
        .bind("enabled", p.enabled() ? 1 : 0)
        .bind("options_json", Json.write(new TreeMap<>(p.options())));
  }

  private static ProviderInstance read(ResultSet rs) throws SQLException {
    Map<ModelCategory, String> defaults = new EnumMap<>(ModelCategory.class);
    Json.readObject(rs.getString("default_models"))
        .forEach((category, model) -> defaults.put(ModelCategory.valueOf(category), String.valueOf(model)));
    Map<String, String> options = new LinkedHashMap<>();
    Json.readObject(rs.getString("options_json")).forEach((k, v) -> options.put(k, String.valueOf(v)));
    return new ProviderInstance(
        rs.getString("id"),
        ProviderKind.valueOf(rs.getString("kind")),
        rs.getString("display_name"),
        rs.getString("base_url"),
        credentialRef(rs.getString("credential_ref")),
        rs.getString("owner_id"),
        Visibility.valueOf(rs.getString("visibility")),
        ApprovalPolicy.valueOf(rs.getString("approval_policy")),
        defaults,
        Duration.ofMillis(rs.getLong("discovery_interval_ms")),
        rs.getInt("enabled") != 0,
        options);
  }

  private static @Nullable CredentialRef credentialRef(@Nullable String text) {
    return text == null ? null : CredentialRef.parse(text);
  }
}
