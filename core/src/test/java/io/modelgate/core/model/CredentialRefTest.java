package io.modelgate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialRefTest {
  @Test
  void readsWhatItWritesAndTheEarlierVaultSpelling() {
    assertThat(CredentialRef.parse("env:OPENAI_API_KEY")).isEqualTo(CredentialRef.env("OPENAI_API_KEY"));
    assertThat(CredentialRef.parse(CredentialRef.env("X_KEY").text())).isEqualTo(CredentialRef.env("X_KEY"));
    assertThat(CredentialRef.parse("vault")).isEqualTo(CredentialRef.vault());
    assertThat(CredentialRef.parse("vault:ollama-mac")).isEqualTo(CredentialRef.vault());
    assertThat(CredentialRef.vault().text()).isEqualTo("vault");
  }

  @Test
  void anythingElseIsRefusedNamingTheText() {
    assertThatThrownBy(() -> CredentialRef.parse("file:/etc/key")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'file:/etc/key'");
    assertThatThrownBy(() -> CredentialRef.parse("env:")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'variable'");
  }

  @Test
  void anInstanceKnowsWhetherItsKeyComesFromTheEnvironment() {
    ProviderInstance env = ProviderInstance.builder("openai", ProviderKind.OPENAI)
        .credentialRef(CredentialRef.env("OPENAI_API_KEY")).build();
    ProviderInstance vault = ProviderInstance.builder("box", ProviderKind.OPENAI_COMPATIBLE)
        .credentialRef(CredentialRef.vault()).build();
    assertThat(env.keyFromEnvironment()).isTrue();
    assertThat(vault.keyFromEnvironment()).isFalse();
  }
}
