package io.modelgate.core.model;

import java.util.Objects;

/**
 * Where a provider's shared key comes from, never the key itself: an environment variable, or the credential vault
 * (held by the provider's owner, or shared). Written as {@code env:NAME} or {@code vault} where it is stored; read
 * back with {@link #parse}, the one place that text is read.
 */
public sealed interface CredentialRef {
  /** The key is the value of the environment variable {@code variable}; it is changed there, not through Modelgate. */
  record Env(String variable) implements CredentialRef {
    public Env {
      if (variable == null || variable.isBlank()) {
        throw new IllegalArgumentException("'variable' must not be blank");
      }
    }

    @Override
    public String text() {
      return "env:" + variable;
    }
  }

  /** The key is in the credential vault, under the provider's owner or the shared holder. */
  record Vault() implements CredentialRef {
    @Override
    public String text() {
      return "vault";
    }
  }

  /** The reference as stored: {@code env:NAME} or {@code vault}. */
  String text();

  static CredentialRef env(String variable) {
    return new Env(variable);
  }

  static CredentialRef vault() {
    return new Vault();
  }

  /**
   * Reads {@code env:NAME}, or {@code vault} (also {@code vault:<id>}, as earlier versions stored it); anything else
   * is an error that quotes the text.
   */
  static CredentialRef parse(String text) {
    Objects.requireNonNull(text, "'credentialRef' must not be null");
    if (text.startsWith("env:")) {
      return new Env(text.substring(4));
    }
    if (text.equals("vault") || text.startsWith("vault:")) {
      return new Vault();
    }
    throw new IllegalArgumentException("'credentialRef' must be env:<VARIABLE> or vault, was '" + text + "'");
  }
}
