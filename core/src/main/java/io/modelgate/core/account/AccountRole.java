package io.modelgate.core.account;

import java.util.Locale;

/** What a user may do: everything, or use models and manage their own data. */
public enum AccountRole {
  ADMIN,
  MEMBER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AccountRole parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown role '" + text + "'; expected admin or member", e);
    }
  }
}
