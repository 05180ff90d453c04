package io.modelgate.app;

import dagger.Module;
import dagger.Provides;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryCatalogStore;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryMigrationStore;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.memory.InMemoryResponseStore;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AdminStateVersion;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.port.SessionStore;
import io.modelgate.core.port.ResponseStore;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.port.UsageLog;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** Every store in memory: state lasts as long as the process. */
@Module
public interface InMemoryStoreModule {
  @Provides @Singleton static CatalogStore catalog() { return new InMemoryCatalogStore(); }
  @Provides @Singleton static ProviderRegistry providers() { return new InMemoryProviderRegistry(); }
  @Provides @Singleton static SettingsStore settings() { return new InMemorySettingsStore(); }
  @Provides @Singleton static MigrationStore migrations() { return new InMemoryMigrationStore(); }
  @Provides @Singleton static AliasStore aliases() { return new InMemoryAliasStore(); }
  @Provides @Singleton static CredentialVault vault(InstantSource clock) { return new InMemoryCredentialVault(clock); }
  @Provides @Singleton static QuotaLedger ledger() { return new InMemoryQuotaLedger(); }
  @Provides @Singleton static UsageLog usage(QuotaLedger ledger) { return new InMemoryUsageLog(ledger); }
  @Provides @Singleton static QuotaPolicyStore quotaPolicies() { return new InMemoryQuotaPolicyStore(); }
  @Provides @Singleton static ResponseStore responses() { return new InMemoryResponseStore(); }
  @Provides @Singleton static ProviderConfigStore userConfigs() { return new InMemoryProviderConfigStore(); }
  @Provides @Singleton static AccountStore accounts() { return new InMemoryAccountStore(); }
  @Provides @Singleton static AuditLog audit() { return new InMemoryAuditLog(); }
  @Provides @Singleton static SessionStore sessions() { return new io.modelgate.core.memory.InMemorySessionStore(); }
  /** The stores are read afresh each time: nothing worked out from them is kept. */
  @Provides static AdminStateVersion stateVersion() { return AdminStateVersion.NONE; }
  /** Nothing to close. */
  @Provides static Database database() { return () -> { }; }
}
