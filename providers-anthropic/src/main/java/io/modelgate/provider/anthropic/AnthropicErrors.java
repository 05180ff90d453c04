package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.NonRetriableException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place Anthropic's failures become Modelgate exceptions: an HTTP status with its error body
 * ({@code {"type":"error","error":{"type":...,"message":...}}}), an {@code error} event in the middle of a stream
 * (which has a type but no status), and I/O failures. The message is Anthropic's own; the exception base redacts
 * anything key-like. Thread-safe.
 */
final class AnthropicErrors {
  private static final int MAX_BODY_CHARS = 2_000;

  private final JsonAdapter<AnthropicWire.ErrorBody> errorAdapter;

  AnthropicErrors(Moshi moshi) {
    this.errorAdapter = moshi.adapter(AnthropicWire.ErrorBody.class);
  }

  /** Maps a non-2xx response; reads (a bounded part of) its body. */
  ModelgateException fromResponse(Response response) {
    String body;
    try {
      body = response.peekBody(MAX_BODY_CHARS).string();
    } catch (IOException e) {
      body = "";
    }
    AnthropicWire.@Nullable ErrorDetail detail = parse(body);
    String message = detail != null && detail.message() != null && !detail.message().isBlank()
        ? detail.message()
        : "Anthropic answered HTTP " + response.code() + (body.isBlank() ? "" : ": " + body.strip());
    return fromStatus(response.code(), detail == null ? null : detail.type(), message,
        retryAfter(response.header("Retry-After")));
  }

  /**
   * The status table every provider shares (401/403, 404, 400/422, 408, 429, 5xx including Anthropic's 529
   * overloaded); other statuses fall back to Anthropic's error type.
   */
  static ModelgateException fromStatus(int status, @Nullable String type, String message,
      @Nullable Duration retryAfter) {
    return switch (status) {
      case 401, 403 -> new AuthenticationException(message);
      case 404 -> new ModelNotFoundException(message);
      case 400, 413, 422 -> new InvalidRequestException(message, null);
      case 408 -> new UpstreamTimeoutException(message, null);
      case 429 -> new RateLimitedException(message, retryAfter);
      default -> status >= 500
          ? new UpstreamUnavailableException(message, status, retryAfter, null)
          : fromType(type, message, status);
    };
  }

  /**
   * An {@code error} event inside a stream: {@code overloaded_error} and {@code api_error} are retriable upstream
   * failures, the others as their HTTP counterparts.
   */
  static ModelgateException fromType(@Nullable String type, String message, int status) {
    return switch (type == null ? "" : type) {
      case "overloaded_error" -> new UpstreamUnavailableException(message, 529, null, null);
      case "api_error" -> new UpstreamUnavailableException(message, 500, null, null);
      case "rate_limit_error" -> new RateLimitedException(message, null);
      case "timeout_error" -> new UpstreamTimeoutException(message, null);
      case "authentication_error", "permission_error" -> new AuthenticationException(message);
      case "not_found_error" -> new ModelNotFoundException(message);
      case "invalid_request_error", "request_too_large" -> new InvalidRequestException(message, null);
      case "billing_error" -> new NonRetriableException(message, "billing", null);
      default -> status >= 400 && status < 500
          ? new InvalidRequestException(message, null)
          : new UpstreamUnavailableException(message, status, null, null);
    };
  }

  /** The {@code data} of an {@code error} stream event. */
  ModelgateException fromStreamError(AnthropicWire.@Nullable ErrorDetail detail) {
    String message = detail != null && detail.message() != null ? detail.message() : "Anthropic sent an error event";
    return fromType(detail == null ? null : detail.type(), message, 0);
  }

  /**
   * A failed read or connect: a timeout is an {@link UpstreamTimeoutException}; anything else is a broken stream
   * once the reply had started, else an unreachable upstream.
   */
  static ModelgateException fromIo(IOException e, boolean midStream) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof InterruptedIOException) {
      return new UpstreamTimeoutException("Anthropic did not answer in time: " + reason, e);
    }
    return midStream
        ? new StreamBrokenException("the stream from Anthropic broke: " + reason, e)
        : new UpstreamUnavailableException("could not reach Anthropic: " + reason, 0, null, e);
  }

  private AnthropicWire.@Nullable ErrorDetail parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      AnthropicWire.ErrorBody parsed = errorAdapter.fromJson(body);
      return parsed == null ? null : parsed.error();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code Retry-After} in seconds (Anthropic sends whole seconds); an HTTP date is not used by Anthropic. */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(header.strip());
      return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
