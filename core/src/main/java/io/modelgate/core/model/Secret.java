package io.modelgate.core.model;

import io.modelgate.core.error.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A provider key or other secret. Its {@link #toString()} never shows the value; {@link #reveal()} is the only way
 * out, for the header that carries it upstream. Making one tells {@link Redaction} its value, so the value is
 * redacted from every log line, error and response from then on.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    Redaction.remember(value);
    return new Secret(value.strip());
  }

  public String reveal() {
    return value;
  }

  /** {@code sk-****xyz123}: the first three and the last six characters (four when under 20, two when under 12). */
  public String masked() {
    return mask(value);
  }

  public static String mask(String value) {
    if (value.length() < 12) {
      return "****" + value.substring(Math.max(0, value.length() - 2));
    }
    // Seed 003's display, sk-****xyz123: enough to tell keys apart, never enough to use one.
    return value.substring(0, 3) + "****" + value.substring(value.length() - (value.length() >= 20 ? 6 : 4));
  }


  /** A SHA-256 of the value in hex: safe to use as a cache key or in logs. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && MessageDigest.isEqual(
        s.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[" + masked() + "]";
  }
}
