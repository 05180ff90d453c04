package io.modelgate.core.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one call, made once where the call enters (an adapter, or the gateway for a library caller) and
 * carried through routing, the provider call, the usage record, logs and the response headers:
 * {@code req_} and 32 hex digits.
 */
public record RequestId(String value) {
  private static final Pattern FORM = Pattern.compile("req_[0-9a-f]{32}");

  public RequestId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("'requestId' must be req_ and 32 lowercase hex digits, was " + value);
    }
  }

  public static RequestId random() {
    return new RequestId("req_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
