package io.modelgate.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.ChangeVersions;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.port.SessionStore;
import io.modelgate.core.port.ResponseStore;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.port.UsageLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store port of core on one database: H2 (the embedded default), SQLite or PostgreSQL, chosen by the JDBC
 * URL. Opening applies the Flyway migrations; closing closes the pool. Thread-safe.
 *
 * <pre>{@code
 * try (JdbiStores stores = JdbiStores.builder("jdbc:h2:mem:demo").keysetFile(Path.of("keyset.json")).open()) {
 *   stores.catalog().list(null, null);
 * }
 * }</pre>
 */
public final class JdbiStores implements AutoCloseable {
  /** Every table, children before parents, for tests that empty the database. */
  static final List<String> TABLES = List.of("catalog_entry", "provider_discovery", "provider_instance",
      "model_setting", "model_migration", "model_alias", "credential", "quota_counter", "usage_record",
      "user_account", "org", "gateway_key", "audit_event", "user_provider_default", "user_provider_config",
      "quota_limit", "console_session", "stored_response", "change_version");

  private static final Logger log = LoggerFactory.getLogger(JdbiStores.class);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final CredentialCipher cipher;
  private final JdbiCatalogStore catalog;
  private final JdbiProviderRegistry providers;
  private final JdbiSettingsStore settings;
  private final JdbiMigrationStore migrations;
  private final JdbiAliasStore aliases;
  private final JdbiCredentialVault credentials;
  private final JdbiQuotaLedger quota;
  private final JdbiUsageLog usage;
  private final JdbiAccountStore accounts;
  private final JdbiAuditLog audit;
  private final JdbiProviderConfigStore providerConfigs;
  private final JdbiQuotaPolicyStore quotaPolicies;
  private final JdbiSessionStore sessions;
  private final JdbiResponseStore responses;
  private final JdbiChangeVersions changeVersions;

  private JdbiStores(HikariDataSource dataSource, Dialect dialect, CredentialCipher cipher, InstantSource clock) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.cipher = cipher;
    this.jdbi = Jdbi.create(dataSource);
    this.catalog = new JdbiCatalogStore(jdbi, dialect);
    this.providers = new JdbiProviderRegistry(jdbi);
    this.settings = new JdbiSettingsStore(jdbi);
    this.migrations = new JdbiMigrationStore(jdbi);
    this.aliases = new JdbiAliasStore(jdbi);
    this.credentials = new JdbiCredentialVault(jdbi, cipher, clock);
    this.quota = new JdbiQuotaLedger(dataSource, dialect);
    this.usage = new JdbiUsageLog(jdbi, dialect, quota);
    this.accounts = new JdbiAccountStore(jdbi);
    this.audit = new JdbiAuditLog(jdbi);
    this.providerConfigs = new JdbiProviderConfigStore(jdbi);
    this.quotaPolicies = new JdbiQuotaPolicyStore(jdbi, dialect);
    this.sessions = new JdbiSessionStore(jdbi);
    this.responses = new JdbiResponseStore(jdbi);
    this.changeVersions = new JdbiChangeVersions(jdbi);
  }

  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  public CatalogStore catalog() {
    return catalog;
  }

  public ProviderRegistry providers() {
    return providers;
  }

  public SettingsStore settings() {
    return settings;
  }

  public MigrationStore migrations() {
    return migrations;
  }

  public AliasStore aliases() {
    return aliases;
  }

  public CredentialVault credentials() {
    return credentials;
  }

  public QuotaLedger quota() {
    return quota;
  }

  public UsageLog usage() {
    return usage;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Users' own provider configs. */
  public ProviderConfigStore providerConfigs() {
    return providerConfigs;
  }

  /** The limits per user, org and gateway key that {@link #quota()} counts against. */
  public QuotaPolicyStore quotaPolicies() {
    return quotaPolicies;
  }

  /** Console sessions. */
  public SessionStore sessions() {
    return sessions;
  }

  /** The Responses API's kept replies. */
  /** The versions of the admin state that replicas keeping it in memory poll. */
  public ChangeVersions changeVersions() {
    return changeVersions;
  }

  public ResponseStore responses() {
    return responses;
  }

  /** Whether the database answers a trivial query now: for readiness checks. */
  public boolean ping() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      log.warn("database ping failed: {}", e.getClass().getSimpleName());
      return false;
    }
  }

  /**
   * Adds a new primary key to the master keyset file (the old keys stay, so reads go on) and re-encrypts every
   * credential under it; returns how many were re-encrypted. Only for a keyset from a file: with
   * {@value #MASTER_KEY}, add the key to that keyset, restart, and call {@link #reencryptCredentials}.
   */
  public int rotateMasterKey() {
    cipher.rotate();
    int done = credentials.reencrypt();
    log.info("master key rotated to key id {}; {} credentials re-encrypted", cipher.primaryKeyId(), done);
    return done;
  }

  /** Re-encrypts every credential not sealed by the keyset's primary key; returns how many. */
  public int reencryptCredentials() {
    int done = credentials.reencrypt();
    log.info("{} credentials re-encrypted under key id {}", done, cipher.primaryKeyId());
    return done;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  Jdbi jdbi() {
    return jdbi;
  }

  Dialect dialect() {
    return dialect;
  }

  /** A vault on this database that reads the time from {@code clock}. */
  CredentialVault credentials(InstantSource clock) {
    return new JdbiCredentialVault(jdbi, cipher, clock);
  }

  /** Applies the migrations up to {@code target} (all when null). */
  static void migrate(DataSource dataSource, Dialect dialect, @Nullable String target) {
    var config = Flyway.configure(JdbiStores.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + SchemaHistory.LOCATION)
        .placeholders(dialect.placeholders())
        .failOnMissingLocations(true);
    if (target != null) {
      config.target(MigrationVersion.fromVersion(target));
    }
    config.load().migrate();
  }

  static HikariDataSource pool(String jdbcUrl, Dialect dialect, int maxPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("modelgate-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
    config.setMaximumPoolSize(maxPoolSize);
    switch (dialect) {
      case SQLITE -> {
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "30000");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("synchronous", "NORMAL");
      }
      case H2 -> config.setConnectionInitSql("SET LOCK_TIMEOUT 30000");
      // A batch of usage records goes as multi-row INSERTs (up to 128 rows a statement) instead of one INSERT per
      // row: the server parses, plans and executes a statement per 128 records rather than per record.
      case POSTGRES -> config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }

  /** The URL without credentials or parameters, for messages. */
  static String redact(String jdbcUrl) {
    String url = jdbcUrl.replaceAll("//[^/@]*@", "//");
    int cut = url.indexOf('?');
    return cut < 0 ? url.replaceAll(";(?i)(password|user)=[^;]*", "") : url.substring(0, cut);
  }

  /** Builds {@link JdbiStores}: the URL, and where the master keyset comes from, are required. */
  public static final class Builder {
    private final String jdbcUrl;
    private @Nullable String masterKey;
    private @Nullable Path keysetFile;
    private InstantSource clock = InstantSource.system();
    private int maxPoolSize = 10;

    private Builder(String jdbcUrl) {
      if (jdbcUrl == null || jdbcUrl.isBlank()) {
        throw new IllegalArgumentException("'jdbcUrl' must not be blank");
      }
      this.jdbcUrl = jdbcUrl;
    }

    /** The master keyset as Tink JSON, or base64 of Tink JSON. */
    public Builder masterKey(String keyset) {
      this.masterKey = Objects.requireNonNull(keyset, "'masterKey' must not be null");
      this.keysetFile = null;
      return this;
    }

    /** A Tink JSON keyset file, created with a new key (owner-only) if missing. */
    public Builder keysetFile(Path file) {
      this.keysetFile = Objects.requireNonNull(file, "'keysetFile' must not be null");
      this.masterKey = null;
      return this;
    }

    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "'clock' must not be null");
      return this;
    }

    public Builder maxPoolSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("'maxPoolSize' must be at least 1, was " + value);
      }
      this.maxPoolSize = value;
      return this;
    }

    /**
     * Opens the pool, applies the migrations (Flyway, unless the schema history already holds exactly this build's:
     * {@link SchemaHistory}) and returns the stores.
     */
    public JdbiStores open() {
      CredentialCipher cipher;
      if (masterKey != null) {
        cipher = CredentialCipher.fromText(masterKey);
      } else if (keysetFile != null) {
        cipher = CredentialCipher.fromFile(keysetFile);
      } else {
        throw new IllegalStateException("set the master key: masterKey(...) or keysetFile(...)");
      }
      Dialect dialect = Dialect.of(jdbcUrl);
      HikariDataSource dataSource = pool(jdbcUrl, dialect, maxPoolSize);
      try {
        if (!SchemaHistory.upToDate(dataSource)) {
          migrate(dataSource, dialect, null);
        }
      } catch (RuntimeException e) {
        dataSource.close();
        throw e;
      }
      log.info("opened {} database {}", dialect.name().toLowerCase(java.util.Locale.ROOT), redact(jdbcUrl));
      return new JdbiStores(dataSource, dialect, cipher, clock);
    }
  }
}
