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

    /** Anthropic's {@code {"type":"error","error":{"type","message"}}}, as a body and as a stream event. */
    public record AnthropicBody(String type, AnthropicError error) {}

    public record AnthropicError(String type, String message) {}

    /** Ollama's {@code {"error":"..."}}. */
    public record OllamaBody(String error) {}
  }

  Wire.Body body() {
    return new Wire.Body(new Wire.Error(message, type, code, param));
  }

  /** The body in {@code dialect}'s own shape. */
  Object body(Endpoint.Dialect dialect) {
    return switch (dialect) {
      case OPENAI -> body();
      case ANTHROPIC -> new Wire.AnthropicBody("error", new Wire.AnthropicError(anthropicType(), message));
      case OLLAMA -> new Wire.OllamaBody(message);
    };
  }

  /** Anthropic's error type for this status: the types its SDKs turn into their own exception classes. */
  String anthropicType() {
    return switch (status) {
      case 400, 409, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> "api_error";
    };
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
