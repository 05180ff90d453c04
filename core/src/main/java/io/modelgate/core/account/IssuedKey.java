package io.modelgate.core.account;

import io.modelgate.core.model.Secret;

/** A gateway key just created: the only time its value exists in clear. */
public record IssuedKey(Secret key, GatewayKey stored) {
  public String prefix() {
    return stored.prefix();
  }
}
