package io.modelgate.core.model;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id of one call, made once where the call enters (an adapter, or the gateway for a library caller) and
 * carried through routing, the provider call, the usage record, logs and the response headers:
 * {@code req_} and 32 hex digits.
 */
public record RequestId(String value) {
  private static final Pattern FORM = Pattern.compile("req_[0-9a-f]{32}");
  /**
   * The ids' source: a DRBG, seeded once and then computed in memory. Not {@code UUID.randomUUID()}'s NativePRNG,
   * which reads {@code /dev/urandom} every few calls: a blocking file read, which on a virtual thread makes the
   * scheduler wake a spare carrier thread (on a one-core gateway, a context switch or more on the call's way).
   */
  private static final SecureRandom RANDOM = drbg();

  public RequestId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("'requestId' must be req_ and 32 lowercase hex digits, was " + value);
    }
  }

  public static RequestId random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new RequestId("req_" + HexFormat.of().formatHex(bytes));
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
