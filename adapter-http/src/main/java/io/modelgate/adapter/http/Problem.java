package io.modelgate.adapter.http;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An error as a caller sees it: the status, OpenAI's error body fields, and how long to wait before a retry.
 * Messages are already scrubbed of keys and host names.
 */
record Problem(int status, String type, String code, String message, @Nullable String param,
    @Nullable Duration retryAfter) {

  /** {@code { "error": { "message", "type", "code", "param" } }}. */
  static final class Wire {
    private Wire() {}

    public record Body(Error error) {}

    public record Error(String message, String type, String code, @Nullable String param) {}

    /** An error as a stream event: the same body, in a {@code data:} frame. */
    public record Event(String type, Error error) {}
  }

  Wire.Body body() {
    return new Wire.Body(new Wire.Error(message, type, code, param));
  }

  /** Seconds for a {@code Retry-After} header, at least 1; null when the error says nothing about waiting. */
  @Nullable String retryAfterSeconds() {
    if (retryAfter == null) {
      return null;
    }
    long seconds = (retryAfter.toMillis() + 999) / 1000;
    return Long.toString(Math.max(1, seconds));
  }
}
