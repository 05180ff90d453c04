package io.modelgate.core.model;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The id of one call, made once where the call enters (an adapter, or the gateway for a library caller) and
 * carried through routing, the provider call, the usage record, logs and the response headers:
 * {@code req_} and 32 hex digits.
 */
public record RequestId(String value) {
  /**
   * The ids' source: a DRBG, seeded once and then computed in memory. Not {@code UUID.randomUUID()}'s NativePRNG,
   * which reads {@code /dev/urandom} every few calls: a blocking file read, which on a virtual thread makes the
   * scheduler wake a spare carrier thread (on a one-core gateway, a context switch or more on the call's way).
   */
  private static final SecureRandom RANDOM = drbg();

  public RequestId {
    if (value == null || !wellFormed(value)) {
      throw new IllegalArgumentException("'requestId' must be req_ and 32 lowercase hex digits, was " + value);
    }
  }

  public static RequestId random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new RequestId("req_" + HexFormat.of().formatHex(bytes));
  }

  /** {@code req_} and 32 lowercase hex digits ({@code req_[0-9a-f]{32}}), checked without a regex: one a call. */
  private static boolean wellFormed(String value) {
    if (value.length() != 36 || !value.startsWith("req_")) {
      return false;
    }
    for (int i = 4; i < 36; i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom(); // every JDK since 9 has DRBG; this is only the type system's due
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
