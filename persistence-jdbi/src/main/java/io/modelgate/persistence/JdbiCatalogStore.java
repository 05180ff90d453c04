package io.modelgate.persistence;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.CatalogStore;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/** The catalog in table {@code catalog_entry}, one row per (instance, model, category). */
final class JdbiCatalogStore implements CatalogStore {
  private static final String COLUMNS = "instance, model, category, provider_kind, display_name, description, "
      + "context_window, max_output_tokens, capabilities, price_input, price_output, price_cached_input, "
      + "price_request, status, source, discovered_at, enabled_at, deprecated_at, last_seen_at, raw_metadata, "
      + "admin_notes, successor";
  private static final String KEY = "instance = :instance AND model = :model AND category = :category";
  private static final Comparator<CatalogEntry> ORDER =
      Comparator.comparing(CatalogEntry::id).thenComparing(CatalogEntry::category);

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiCatalogStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Optional<CatalogEntry> find(CatalogKey key) {
    Objects.requireNonNull(key, "'key' must not be null");
    return jdbi.withHandle(h -> find(h, key));
  }

  private static Optional<CatalogEntry> find(Handle h, CatalogKey key) {
    return bindKey(h.createQuery("SELECT " + COLUMNS + " FROM catalog_entry WHERE " + KEY), key)
        .map((rs, ctx) -> read(rs)).findOne();
  }

  @Override
  public List<CatalogEntry> findById(ModelId id) {
    Objects.requireNonNull(id, "'id' must not be null");
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM catalog_entry WHERE instance = :instance AND model = :model")
        .bind("instance", id.instance()).bind("model", id.model())
        .map((rs, ctx) -> read(rs)).list()).stream().sorted(ORDER).toList();
  }

  @Override
  public List<CatalogEntry> list(@Nullable String instance, @Nullable ModelCategory category) {
    String where = instance == null && category == null ? ""
        : " WHERE " + (instance == null ? "" : "instance = :instance")
            + (instance != null && category != null ? " AND " : "")
            + (category == null ? "" : "category = :category");
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT " + COLUMNS + " FROM catalog_entry" + where);
      if (instance != null) {
        query.bind("instance", instance);
      }
      if (category != null) {
        query.bind("category", category.name());
      }
      return query.map((rs, ctx) -> read(rs)).list();
    }).stream().sorted(ORDER).toList();
  }

  @Override
  public CatalogEntry upsertDiscovered(CatalogEntry entry) {
    Objects.requireNonNull(entry, "'entry' must not be null");
    return Transactions.write(jdbi, h -> {
      var refresh = h.createUpdate("UPDATE catalog_entry SET provider_kind = :provider_kind, "
          + "display_name = :display_name, description = :description, context_window = :context_window, "
          + "max_output_tokens = :max_output_tokens, capabilities = :capabilities, price_input = :price_input, "
          + "price_output = :price_output, price_cached_input = :price_cached_input, "
          + "price_request = :price_request, raw_metadata = :raw_metadata, last_seen_at = :last_seen_at WHERE " + KEY);
      bindProviderFields(bindKey(refresh, entry.key()), entry)
          .bind("last_seen_at", (entry.lastSeenAt() != null ? entry.lastSeenAt() : entry.discoveredAt()).toEpochMilli());
      if (refresh.execute() == 0) {
        insert(h, entry);
      }
      return find(h, entry.key()).orElseThrow();
    });
  }

  @Override
  public void save(CatalogEntry entry) {
    Objects.requireNonNull(entry, "'entry' must not be null");
    Transactions.upsert(jdbi, h -> {
      var update = h.createUpdate("UPDATE catalog_entry SET provider_kind = :provider_kind, "
          + "display_name = :display_name, description = :description, context_window = :context_window, "
          + "max_output_tokens = :max_output_tokens, capabilities = :capabilities, price_input = :price_input, "
          + "price_output = :price_output, price_cached_input = :price_cached_input, "
          + "price_request = :price_request, raw_metadata = :raw_metadata, status = :status, source = :source, "
          + "discovered_at = :discovered_at, enabled_at = :enabled_at, deprecated_at = :deprecated_at, "
          + "last_seen_at = :last_seen_at, admin_notes = :admin_notes, successor = :successor WHERE " + KEY);
      return bindAdminFields(bindProviderFields(bindKey(update, entry.key()), entry), entry).execute();
    }, h -> insert(h, entry));
  }

  private int insert(Handle h, CatalogEntry entry) {
    var insert = h.createUpdate("INSERT INTO catalog_entry (" + COLUMNS + ") VALUES (:instance, :model, :category, "
        + ":provider_kind, :display_name, :description, :context_window, :max_output_tokens, :capabilities, "
        + ":price_input, :price_output, :price_cached_input, :price_request, :status, :source, :discovered_at, "
        + ":enabled_at, :deprecated_at, :last_seen_at, :raw_metadata, :admin_notes, :successor)");
    return bindAdminFields(bindProviderFields(bindKey(insert, entry.key()), entry), entry).execute();
  }

  @Override
  public boolean delete(CatalogKey key) {
    Objects.requireNonNull(key, "'key' must not be null");
    return jdbi.withHandle(h -> bindKey(h.createUpdate("DELETE FROM catalog_entry WHERE " + KEY), key).execute()) > 0;
  }

  private static <S extends SqlStatement<S>> S bindKey(S statement, CatalogKey key) {
    return statement.bind("instance", key.id().instance()).bind("model", key.id().model())
        .bind("category", key.category().name());
  }

  private <S extends SqlStatement<S>> S bindProviderFields(S s, CatalogEntry e) {
    Pricing p = e.pricing();
    s.bind("provider_kind", e.providerKind().name())
        .bind("display_name", e.displayName())
        .bind("description", e.description())
        .bindByType("context_window", e.contextWindow(), Integer.class)
        .bindByType("max_output_tokens", e.maxOutputTokens(), Integer.class)
        .bind("capabilities", e.capabilities().stream().sorted().map(Capability::wireName)
            .collect(Collectors.joining(",")))
        .bind("raw_metadata", e.rawMetadata());
    dialect.bindMoney(s, "price_input", p == null ? null : p.inputPerMillion());
    dialect.bindMoney(s, "price_output", p == null ? null : p.outputPerMillion());
    dialect.bindMoney(s, "price_cached_input", p == null ? null : p.cachedInputPerMillion());
    return dialect.bindMoney(s, "price_request", p == null ? null : p.perRequest());
  }

  private static <S extends SqlStatement<S>> S bindAdminFields(S s, CatalogEntry e) {
    return s.bind("status", e.status().name())
        .bind("source", e.source().name())
        .bind("discovered_at", e.discoveredAt().toEpochMilli())
        .bindByType("enabled_at", Rows.millis(e.enabledAt()), Long.class)
        .bindByType("deprecated_at", Rows.millis(e.deprecatedAt()), Long.class)
        .bindByType("last_seen_at", Rows.millis(e.lastSeenAt()), Long.class)
        .bind("admin_notes", e.adminNotes())
        .bind("successor", e.successor() == null ? null : e.successor().toString());
  }

  private static CatalogEntry read(ResultSet rs) throws SQLException {
    String capabilities = rs.getString("capabilities");
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    if (capabilities != null && !capabilities.isBlank()) {
      Arrays.stream(capabilities.split(",")).map(Capability::parse).forEach(caps::add);
    }
    String successor = rs.getString("successor");
    return new CatalogEntry(
        new ModelId(rs.getString("instance"), rs.getString("model")),
        ProviderKind.valueOf(rs.getString("provider_kind")),
        ModelCategory.valueOf(rs.getString("category")),
        rs.getString("display_name"),
        rs.getString("description"),
        Rows.integer(rs, "context_window"),
        Rows.integer(rs, "max_output_tokens"),
        caps,
        readPricing(rs, "price_input", "price_output", "price_cached_input", "price_request"),
        ModelStatus.valueOf(rs.getString("status")),
        ModelSource.valueOf(rs.getString("source")),
        Rows.requiredInstant(rs, "discovered_at"),
        Rows.instant(rs, "enabled_at"),
        Rows.instant(rs, "deprecated_at"),
        Rows.instant(rs, "last_seen_at"),
        rs.getString("raw_metadata"),
        rs.getString("admin_notes"),
        successor == null ? null : ModelId.parse(successor));
  }

  /** Pricing from four money columns; all four empty reads as no pricing. */
  static @Nullable Pricing readPricing(ResultSet rs, String input, String output, String cached, String request)
      throws SQLException {
    BigDecimal in = Dialect.money(rs, input);
    BigDecimal out = Dialect.money(rs, output);
    BigDecimal cachedIn = Dialect.money(rs, cached);
    BigDecimal perRequest = Dialect.money(rs, request);
    if (in == null && out == null && cachedIn == null && perRequest == null) {
      return null;
    }
    return new Pricing(in, out, cachedIn, perRequest);
  }
}
