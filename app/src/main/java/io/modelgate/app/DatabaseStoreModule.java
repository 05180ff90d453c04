package io.modelgate.app;

import dagger.Module;
import dagger.Provides;
import io.modelgate.app.redis.RedisQuota;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AdminStateVersion;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.CatalogStore;
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
import io.modelgate.persistence.JdbiStores;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Every store on the configured database ({@link Configuration#databaseUrl()}) — by default an H2 file in the data
 * directory, so state lasts across runs with nothing to install — except the rpm and tpm counters when a Redis is
 * configured. Only this module (and so only {@code app}) knows {@code persistence-jdbi}.
 */
@Module
public interface DatabaseStoreModule {
  /**
   * The stores on {@link Configuration#databaseUrl()}, their keys encrypted with the configured master key or else
   * the keyset file in the data directory (created on first start, readable by its owner only).
   */
  @Provides @Singleton
  static JdbiStores stores(Configuration configuration) {
    try {
      Files.createDirectories(configuration.home());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + configuration.home(), e);
    }
    JdbiStores.Builder builder = JdbiStores.builder(configuration.databaseUrl());
    if (configuration.masterKey() != null) {
      builder.masterKey(configuration.masterKey().reveal());
    } else {
      builder.keysetFile(configuration.keysetFile());
    }
    return builder.open();
  }

  /**
   * What the adapters close when they are done: the usage records still queued are written first, then the Redis
   * connection if any and the database pool close.
   */
  @Provides @Singleton
  static Database database(JdbiStores stores, Optional<RedisQuota> redis, UsageLog usage, SharedState state) {
    return () -> {
      try {
        state.close();
        if (usage instanceof GroupCommitUsageLog queued) {
          queued.close();
        }
        redis.ifPresent(RedisQuota::close);
      } finally {
        stores.close();
      }
    };
  }

  /**
   * The admin state kept in memory, true to the database within {@link SharedState#DEFAULT_STALE_AFTER}: each
   * replica polls the change versions every {@link SharedState#DEFAULT_POLL}.
   */
  @Provides @Singleton
  static SharedState state(JdbiStores s) {
    return new SharedState(s.changeVersions(), SharedState.DEFAULT_POLL, SharedState.DEFAULT_STALE_AFTER);
  }

  /** What is worked out from the admin state (prepared model lists) is kept while the shared state's version holds. */
  @Provides
  static AdminStateVersion stateVersion(SharedState state) {
    return state;
  }

  @Provides @Singleton
  static CatalogStore catalog(JdbiStores s, SharedState state) { return new CachedStores.Catalog(s.catalog(), state); }

  @Provides @Singleton
  static ProviderRegistry providers(JdbiStores s, SharedState state) {
    return new CachedStores.Providers(s.providers(), state);
  }

  @Provides @Singleton
  static SettingsStore settings(JdbiStores s, SharedState state) {
    return new CachedStores.Settings(s.settings(), state);
  }

  @Provides @Singleton
  static MigrationStore migrations(JdbiStores s, SharedState state) {
    return new CachedStores.Migrations(s.migrations(), state);
  }

  @Provides @Singleton
  static AliasStore aliases(JdbiStores s, SharedState state) { return new CachedStores.Aliases(s.aliases(), state); }

  @Provides @Singleton
  static CredentialVault vault(JdbiStores s, SharedState state) {
    return new CachedStores.Credentials(s.credentials(), state);
  }

  /**
   * The Redis {@code MODELGATE_REDIS_URL} names, checked at start, or none. When set it holds the rpm and tpm
   * counters of every replica; day and month counters and the usage log stay in the database.
   */
  @Provides @Singleton
  static Optional<RedisQuota> redis(Configuration configuration) {
    return Optional.ofNullable(configuration.redisUrl())
        .map(url -> RedisQuota.connect(url.toString(), RedisQuota.DEFAULT_PREFIX));
  }

  /** The ledger, which commits the queued usage records that count on a counter before it reserves on it. */
  @Provides @Singleton
  static QuotaLedger ledger(JdbiStores s, Optional<RedisQuota> redis, UsageLog usage) {
    QuotaLedger ledger = redis.map(r -> r.ledger(s.quota())).orElseGet(s::quota);
    return usage instanceof GroupCommitUsageLog queued ? new QueueSettlingLedger(ledger, queued) : ledger;
  }

  /**
   * The usage log, written in batches off the request path ({@link GroupCommitUsageLog}): each call's record and
   * settlements wait at most {@link GroupCommitUsageLog#DEFAULT_INTERVAL} before they commit with the others.
   */
  @Provides @Singleton
  static UsageLog usage(JdbiStores s, Optional<RedisQuota> redis) {
    return new GroupCommitUsageLog(redis.map(r -> r.usageLog(s.usage())).orElseGet(s::usage),
        GroupCommitUsageLog.DEFAULT_INTERVAL);
  }

  @Provides @Singleton
  static QuotaPolicyStore quotaPolicies(JdbiStores s, SharedState state) {
    return new CachedStores.QuotaPolicies(s.quotaPolicies(), state);
  }

  @Provides @Singleton static ResponseStore responses(JdbiStores s) { return s.responses(); }
  @Provides @Singleton
  static AccountStore accounts(JdbiStores s, SharedState state) {
    return new CachedStores.Accounts(s.accounts(), state);
  }

  @Provides @Singleton static AuditLog audit(JdbiStores s) { return s.audit(); }
  @Provides @Singleton
  static ProviderConfigStore userConfigs(JdbiStores s, SharedState state) {
    return new CachedStores.ProviderConfigs(s.providerConfigs(), state);
  }

  @Provides @Singleton static SessionStore sessions(JdbiStores s) { return s.sessions(); }
}
