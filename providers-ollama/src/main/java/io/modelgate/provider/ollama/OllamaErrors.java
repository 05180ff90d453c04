package io.modelgate.provider.ollama;

import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamErrors;
import io.modelgate.core.error.UpstreamUnavailableException;
import java.io.IOException;
import java.util.Locale;
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
    return UpstreamErrors.forStatus(response.code(), "Ollama: " + messageOf(response), null,
        UpstreamErrors.retryAfter(response.header("Retry-After")));
  }

  /** An {@code {"error": ...}} line in a stream that began with HTTP 200. */
  static ModelgateException midStream(@Nullable Object error) {
    String message = errorMessage(error);
    String text = "Ollama failed mid-stream: " + (message == null ? "unknown error" : message);
    boolean notFound = message != null && message.toLowerCase(Locale.ROOT).contains("not found");
    return notFound ? new ModelNotFoundException(text) : new UpstreamUnavailableException(text, 200, null, null);
  }

  /** An I/O failure: a timeout, or the node unreachable (before a response) or the stream cut (during one). */
  static ModelgateException fromIo(IOException e, boolean midStream) {
    return UpstreamErrors.fromIo("Ollama", e, midStream);
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
}
