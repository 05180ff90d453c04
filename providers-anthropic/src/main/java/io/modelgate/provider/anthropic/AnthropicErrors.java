package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamErrors;
import java.io.IOException;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Reads Anthropic's failures — an HTTP status with its error body
 * ({@code {"type":"error","error":{"type":...,"message":...}}}), an {@code error} event in the middle of a stream
 * (which has a type but no status), and I/O failures — and hands them to the core's one table
 * ({@link UpstreamErrors}). The message is Anthropic's own; the exception base redacts anything key-like.
 * Thread-safe.
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
    return UpstreamErrors.forStatus(response.code(), message, null,
        UpstreamErrors.retryAfter(response.header("Retry-After")));
  }

  /**
   * The HTTP status an Anthropic error type stands for (its documented pairs, 529 for {@code overloaded_error}); an
   * unknown type is a failure on Anthropic's side.
   */
  static int statusOf(@Nullable String type) {
    return switch (type == null ? "" : type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "timeout_error" -> 408; // Anthropic sends it as 504; it is a timeout all the same
      case "overloaded_error" -> 529;
      default -> 500; // api_error and anything new
    };
  }

  /** The {@code data} of an {@code error} stream event. */
  ModelgateException fromStreamError(AnthropicWire.@Nullable ErrorDetail detail) {
    String message = detail != null && detail.message() != null ? detail.message() : "Anthropic sent an error event";
    return UpstreamErrors.forStatus(statusOf(detail == null ? null : detail.type()), message, null, null);
  }

  /**
   * A failed read or connect: a timeout is an upstream timeout; anything else is a broken stream once the reply had
   * started, else an unreachable upstream.
   */
  static ModelgateException fromIo(IOException e, boolean midStream) {
    return UpstreamErrors.fromIo("Anthropic", e, midStream);
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
}
