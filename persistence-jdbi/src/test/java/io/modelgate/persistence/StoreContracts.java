package io.modelgate.persistence;

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
import io.modelgate.store.testkit.AccountStoreContract;
import io.modelgate.store.testkit.AliasStoreContract;
import io.modelgate.store.testkit.AuditLogContract;
import io.modelgate.store.testkit.CatalogStoreContract;
import io.modelgate.store.testkit.ChangeVersionsContract;
import io.modelgate.store.testkit.CredentialVaultContract;
import io.modelgate.store.testkit.MigrationStoreContract;
import io.modelgate.store.testkit.ProviderConfigStoreContract;
import io.modelgate.store.testkit.ProviderRegistryContract;
import io.modelgate.store.testkit.QuotaGuardContract;
import io.modelgate.store.testkit.QuotaLedgerContract;
import io.modelgate.store.testkit.QuotaPolicyStoreContract;
import io.modelgate.store.testkit.SessionStoreContract;
import io.modelgate.store.testkit.ResponseStoreContract;
import io.modelgate.store.testkit.SettingsStoreContract;
import io.modelgate.store.testkit.UsageLogContract;
import java.time.InstantSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every store contract, and the checks only a database has, against one database a subclass provides. */
abstract class StoreContracts {
  abstract TestDatabase database();

  final JdbiStores stores() {
    return database().fresh();
  }

  @Nested
  class Catalog extends CatalogStoreContract {
    @Override
    protected CatalogStore newStore() {
      return stores().catalog();
    }
  }

  @Nested
  class Providers extends ProviderRegistryContract {
    @Override
    protected ProviderRegistry newRegistry() {
      return stores().providers();
    }
  }

  @Nested
  class Settings extends SettingsStoreContract {
    @Override
    protected SettingsStore newStore() {
      return stores().settings();
    }
  }

  @Nested
  class Migrations extends MigrationStoreContract {
    @Override
    protected MigrationStore newStore() {
      return stores().migrations();
    }
  }

  @Nested
  class Aliases extends AliasStoreContract {
    @Override
    protected AliasStore newStore() {
      return stores().aliases();
    }
  }

  @Nested
  class Credentials extends CredentialVaultContract {
    @Override
    protected CredentialVault newVault(InstantSource clock) {
      return stores().credentials(clock);
    }
  }

  @Nested
  class Quota extends QuotaLedgerContract {
    @Override
    protected QuotaLedger newLedger() {
      return stores().quota();
    }
  }

  @Nested
  class Usage extends UsageLogContract {
    @Override
    protected Fixture newFixture() {
      JdbiStores s = stores();
      return new Fixture(s.usage(), s.quota());
    }
  }

  @Nested
  class Versions extends ChangeVersionsContract {
    @Override
    protected ChangeVersions newVersions() {
      return stores().changeVersions();
    }
  }

  @Nested
  class Responses extends ResponseStoreContract {
    @Override
    protected ResponseStore newStore() {
      return stores().responses();
    }
  }

  @Nested
  class QuotaPolicies extends QuotaPolicyStoreContract {
    @Override
    protected QuotaPolicyStore newStore() {
      return stores().quotaPolicies();
    }
  }

  @Nested
  class Guard extends QuotaGuardContract {
    @Override
    protected Fixture newFixture() {
      JdbiStores s = stores();
      return new Fixture(s.quota(), s.quotaPolicies(), s.usage());
    }
  }

  @Nested
  class Accounts extends AccountStoreContract {
    @Override
    protected AccountStore newStore() {
      return stores().accounts();
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
      return stores().audit();
    }
  }

  @Nested
  class ProviderConfigs extends ProviderConfigStoreContract {
    @Override
    protected ProviderConfigStore newStore() {
      return stores().providerConfigs();
    }
  }

  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
      return stores().sessions();
    }
  }

  @Nested
  class DatabaseOnly {
    private DatabaseChecks checks() {
      return new DatabaseChecks(database());
    }

    @Test
    void vaultRowMovedToAnotherOwnerDoesNotDecrypt() {
      checks().vaultRowMovedToAnotherOwnerDoesNotDecrypt();
    }

    @Test
    void storedKeyIsNotInTheDatabaseInClear() {
      checks().storedKeyIsNotInTheDatabaseInClear();
    }

    @Test
    void rotationKeepsEveryKeyReadable() throws Exception {
      checks().rotationKeepsEveryKeyReadable();
    }

    @Test
    void keyFromTheEnvironmentCannotRotateHereButReencryptionWorks() {
      checks().keyFromTheEnvironmentCannotRotateHereButReencryptionWorks();
    }

    @Test
    void noLogLineOrExceptionShowsAStoredKey() throws Exception {
      checks().noLogLineOrExceptionShowsAStoredKey();
    }

    @Test
    void upgradeFromTheFirstMigrationKeepsData() throws Exception {
      checks().upgradeFromTheFirstMigrationKeepsData();
    }

    @Test
    void schemaHistoryIsUpToDateOnlyWithEveryMigrationOfThisBuild() throws Exception {
      checks().schemaHistoryIsUpToDateOnlyWithEveryMigrationOfThisBuild();
    }

    @Test
    void conversationPinsGoToTheirOwnersOnUpgrade() throws Exception {
      checks().conversationPinsGoToTheirOwnersOnUpgrade();
    }

    @Test
    void usageRecordIsRolledBackWhenASettlementFails() {
      checks().usageRecordIsRolledBackWhenASettlementFails();
    }
  }
}
