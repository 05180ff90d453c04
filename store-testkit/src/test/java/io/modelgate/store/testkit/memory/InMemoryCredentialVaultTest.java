package io.modelgate.store.testkit.memory;

import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.port.CredentialVault;
import java.time.InstantSource;
import io.modelgate.store.testkit.CredentialVaultContract;

class InMemoryCredentialVaultTest extends CredentialVaultContract {
  @Override
  protected CredentialVault newVault(InstantSource clock) {
    return new InMemoryCredentialVault(clock);
  }
}
