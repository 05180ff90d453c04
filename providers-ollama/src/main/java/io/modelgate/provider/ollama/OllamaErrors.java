package io.modelgate.provider.ollama;

import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place Ollama's failures become Modelgate errors: an HTTP status with Ollama's {@code {"error": "..."}}
 * body, an error line mid-stream, or an I/O failure. Messages are the node's own, never holding the key.
 */
final class OllamaErrors {
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private OllamaErrors() {}

  /** The error for a response that is not a success; reads (part of) its body for the node's message. */
  static ModelgateException fromResponse(Response response) {
    int status = response.code();
    String message = messageOf(response);
    Duration retryAfter = retryAfter(response.header("Retry-After"));
    return fromStatus(status, message, retryAfter);
  }

  static ModelgateException fromStatus(int status, String message, @Nullable Duration retryAfter) {
    String text = "Ollama: " + message;
    return switch (status) {
      case 401, 403 -> new AuthenticationException(text);
      case 404 -> new ModelNotFoundException(text);
      case 408 -> new UpstreamTimeoutException(text, null);
      case 429 -> new RateLimitedException(text, retryAfter);
      default -> {
        if (status >= 500) {
          yield new UpstreamUnavailableException(text, status, retryAfter, null);
        }
        yield new InvalidRequestException(text, null);
      }
    };
  }

  /** An {@code {"error": ...}} line in a stream that began with HTTP 200. */
  static ModelgateException midStream(@Nullable Object error) {
    String message = errorMessage(error);
    String text = "Ollama failed mid-stream: " + (message == null ? "unknown error" : message);
    if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
      return new ModelNotFoundException(text);
    }
    return new UpstreamUnavailableException(text, 200, null, null);
  }

  /** An I/O failure: a timeout, or the node unreachable (before a response) or the stream cut (during one). */
  static ModelgateException fromIo(IOException e, boolean midStream) {
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"))) {
      return new UpstreamTimeoutException("Ollama did not answer in time: " + e.getMessage(), e);
    }
    if (midStream) {
      return new StreamBrokenException("the Ollama stream broke: " + e.getMessage(), e);
    }
    return new UpstreamUnavailableException("Ollama could not be reached: " + e.getMessage(), 0, null, e);
  }

  static StreamBrokenException malformed(String line, Exception cause) {
    String shown = line.length() <= 120 ? line : line.substring(0, 117) + "...";
    return new StreamBrokenException("Ollama sent a malformed stream line: " + shown, cause);
  }

  private static String messageOf(Response response) {
    String body = "";
    try {
      body = response.peekBody(MAX_ERROR_BODY).string();
    } catch (IOException | RuntimeException e) {
      // The status alone still says what went wrong.
    }
    String message = null;
    if (!body.isBlank()) {
      try {
        OllamaWire.ErrorBody parsed = OllamaWire.MOSHI.adapter(OllamaWire.ErrorBody.class).fromJson(body);
        message = parsed == null ? null : errorMessage(parsed.error());
      } catch (IOException | RuntimeException e) {
        message = body.strip();
      }
    }
    if (message == null || message.isBlank()) {
      message = "HTTP " + response.code() + (response.message().isBlank() ? "" : " " + response.message());
    }
    return message.length() <= 500 ? message : message.substring(0, 497) + "...";
  }

  private static @Nullable String errorMessage(@Nullable Object error) {
    if (error instanceof String s) {
      return s;
    }
    if (error instanceof Map<?, ?> map && map.get("message") instanceof String s) {
      return s;
    }
    return null;
  }

  private static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }
}
