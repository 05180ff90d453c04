package io.modelgate.app;

import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryCatalogStore;
import io.modelgate.core.memory.InMemoryChangeVersions;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryMigrationStore;
import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.memory.InMemorySettingsStore;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.port.CatalogStore;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.MigrationStore;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderRegistry;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.store.testkit.AccountStoreContract;
import io.modelgate.store.testkit.AliasStoreContract;
import io.modelgate.store.testkit.CatalogStoreContract;
import io.modelgate.store.testkit.CredentialVaultContract;
import io.modelgate.store.testkit.MigrationStoreContract;
import io.modelgate.store.testkit.ProviderConfigStoreContract;
import io.modelgate.store.testkit.ProviderRegistryContract;
import io.modelgate.store.testkit.QuotaPolicyStoreContract;
import io.modelgate.store.testkit.SettingsStoreContract;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * Every admin-state store contract against its {@link CachedStores} decorator: served from memory, each still reads
 * its own writes and behaves as a store does.
 */
class CachedStoresTest {
  private final List<SharedState> states = new ArrayList<>();

  private SharedState state() {
    SharedState state = new SharedState(new InMemoryChangeVersions(), SharedState.DEFAULT_POLL,
        SharedState.DEFAULT_STALE_AFTER);
    states.add(state);
    return state;
  }

  @AfterEach
  void closeStates() {
    states.forEach(SharedState::close);
  }

  @Nested
  class Accounts extends AccountStoreContract {
    @Override
    protected AccountStore newStore() {
      return new CachedStores.Accounts(new InMemoryAccountStore(), state());
    }
  }

  @Nested
  class Catalog extends CatalogStoreContract {
    @Override
    protected CatalogStore newStore() {
      return new CachedStores.Catalog(new InMemoryCatalogStore(), state());
    }
  }

  @Nested
  class Settings extends SettingsStoreContract {
    @Override
    protected SettingsStore newStore() {
      return new CachedStores.Settings(new InMemorySettingsStore(), state());
    }
  }

  @Nested
  class Migrations extends MigrationStoreContract {
    @Override
    protected MigrationStore newStore() {
      return new CachedStores.Migrations(new InMemoryMigrationStore(), state());
    }
  }

  @Nested
  class Aliases extends AliasStoreContract {
    @Override
    protected AliasStore newStore() {
      return new CachedStores.Aliases(new InMemoryAliasStore(), state());
    }
  }

  @Nested
  class QuotaPolicies extends QuotaPolicyStoreContract {
    @Override
    protected QuotaPolicyStore newStore() {
      return new CachedStores.QuotaPolicies(new InMemoryQuotaPolicyStore(), state());
    }
  }

  @Nested
  class Providers extends ProviderRegistryContract {
    @Override
    protected ProviderRegistry newRegistry() {
      return new CachedStores.Providers(new InMemoryProviderRegistry(), state());
    }
  }

  @Nested
  class Credentials extends CredentialVaultContract {
    @Override
    protected CredentialVault newVault(InstantSource clock) {
      return new CachedStores.Credentials(new InMemoryCredentialVault(clock), state());
    }
  }

  @Nested
  class ProviderConfigs extends ProviderConfigStoreContract {
    @Override
    protected ProviderConfigStore newStore() {
      return new CachedStores.ProviderConfigs(new InMemoryProviderConfigStore(), state());
    }
  }
}
