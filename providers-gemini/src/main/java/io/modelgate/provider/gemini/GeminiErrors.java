package io.modelgate.provider.gemini;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamErrors;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place the Gemini protocol's failures become core exceptions: an HTTP status with Google's
 * {@code {"error":{code,message,status,details}}} body, the same body arriving mid-stream, or an I/O failure.
 * Gemini answers a bad key with 400 {@code INVALID_ARGUMENT} and reason {@code API_KEY_INVALID}: that is an
 * authentication failure, not an invalid request. Messages are Google's own, with the key removed.
 */
final class GeminiErrors {
  private static final Pattern RETRY_DELAY = Pattern.compile("^(\\d+)(?:\\.\\d+)?s$");

  private final JsonAdapter<GeminiWire.ErrorBody> errorAdapter;
  private final @Nullable Secret apiKey;

  GeminiErrors(Moshi moshi, @Nullable Secret apiKey) {
    this.errorAdapter = moshi.adapter(GeminiWire.ErrorBody.class);
    this.apiKey = apiKey;
  }

  /** An HTTP error response: {@code body} is its text, {@code retryAfter} its Retry-After header (or null). */
  ModelgateException fromResponse(int httpStatus, @Nullable String body, @Nullable String retryAfter) {
    GeminiWire.Status status = parse(body);
    String message = status != null && status.message() != null && !status.message().isBlank()
        ? status.message()
        : "Gemini answered HTTP " + httpStatus;
    return fromStatus(httpStatus, status, message, retryAfter);
  }

  /** An {@code error} object that arrived inside an otherwise successful stream. */
  ModelgateException fromStreamError(GeminiWire.Status status) {
    int code = status.code() != null ? status.code() : 500;
    String message = status.message() != null && !status.message().isBlank()
        ? status.message()
        : "Gemini reported " + (status.status() != null ? status.status() : "an error") + " mid-stream";
    return fromStatus(code, status, message, null);
  }

  /** An I/O failure; {@code midStream} when part of a reply had already arrived. */
  ModelgateException fromIo(IOException e, boolean midStream) {
    return UpstreamErrors.fromIo("Gemini", e, midStream);
  }

  /**
   * Google's body first ({@code API_KEY_INVALID} under a 400, {@code UNAUTHENTICATED}: a refused key), then the
   * core's table for the HTTP status.
   */
  private ModelgateException fromStatus(
      int httpStatus, GeminiWire.@Nullable Status status, String rawMessage, @Nullable String retryAfter) {
    String canonical = status != null && status.status() != null ? status.status() : "";
    boolean refusedKey = "API_KEY_INVALID".equals(reason(status)) || "UNAUTHENTICATED".equals(canonical);
    return UpstreamErrors.forStatus(refusedKey ? 401 : httpStatus, safe(rawMessage), null,
        retryAfter(retryAfter, status));
  }

  private GeminiWire.@Nullable Status parse(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      GeminiWire.ErrorBody parsed = errorAdapter.fromJson(body);
      return parsed == null ? null : parsed.error();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The {@code reason} of the status's {@code google.rpc.ErrorInfo} detail, if it has one. */
  private static @Nullable String reason(GeminiWire.@Nullable Status status) {
    if (status == null || status.details() == null) {
      return null;
    }
    for (Map<String, Object> detail : status.details()) {
      if (String.valueOf(detail.get("@type")).endsWith("google.rpc.ErrorInfo") && detail.get("reason") != null) {
        return detail.get("reason").toString();
      }
    }
    return null;
  }

  /** The Retry-After header (seconds or an HTTP date), else Google's {@code RetryInfo.retryDelay} ("7s"). */
  private static @Nullable Duration retryAfter(@Nullable String header, GeminiWire.@Nullable Status status) {
    Duration wait = UpstreamErrors.retryAfter(header);
    if (wait != null) {
      return wait;
    }
    List<Map<String, Object>> details = status == null || status.details() == null ? List.of() : status.details();
    for (Map<String, Object> detail : details) {
      if (String.valueOf(detail.get("@type")).endsWith("google.rpc.RetryInfo")) {
        Matcher m = RETRY_DELAY.matcher(String.valueOf(detail.get("retryDelay")));
        if (m.matches()) {
          return Duration.ofSeconds(Long.parseLong(m.group(1)));
        }
      }
    }
    return null;
  }

  /** The message without the key, even where the generic redaction would not recognise it. */
  private String safe(String message) {
    return apiKey == null ? message : message.replace(apiKey.reveal(), "[redacted]");
  }
}
