package io.modelgate.provider.elevenlabs;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place ElevenLabs' failures become core exceptions. Its errors carry {@code {"detail":{"status","message"}}}
 * (a 422 carries FastAPI's {@code {"detail":[{"loc","msg","type"}]}}); {@code detail.status} refines the HTTP
 * status: {@code voice_not_found} is the caller's voice, not a missing model; {@code quota_exceeded} arrives as 401
 * and, like a refused key, means this credential cannot be used now. Messages are ElevenLabs' own, key removed.
 */
final class ElevenLabsErrors {
  private final JsonAdapter<Object> json;
  private final @Nullable Secret apiKey;

  ElevenLabsErrors(Moshi moshi, @Nullable Secret apiKey) {
    this.json = moshi.adapter(Object.class).lenient();
    this.apiKey = apiKey;
  }

  /** The exception for an unsuccessful response; reads (and so consumes) its body. */
  ModelgateException fromResponse(Response response) {
    String body;
    try {
      body = response.body().string();
    } catch (IOException e) {
      body = "";
    }
    return fromStatus(response.code(), body, response.header("Retry-After"));
  }

  ModelgateException fromStatus(int status, String body, @Nullable String retryAfterHeader) {
    Object detail = body.isBlank() ? null : parse(body) instanceof Map<?, ?> m ? m.get("detail") : null;
    String code = null;
    String message = null;
    if (detail instanceof Map<?, ?> d) {
      code = d.get("status") == null ? null : d.get("status").toString();
      message = d.get("message") == null ? null : d.get("message").toString();
    } else if (detail instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> first) {
      message = first.get("msg") + (first.get("loc") == null ? "" : " at " + first.get("loc"));
    } else if (detail instanceof String s) {
      message = s;
    }
    if (message == null || message.isBlank()) {
      message = "ElevenLabs answered HTTP " + status + (code == null ? "" : " (" + code + ")");
    }
    message = safe(message);
    Duration retryAfter = retryAfter(retryAfterHeader);
    if ("voice_not_found".equals(code)) {
      return new InvalidRequestException(message, "voice");
    }
    if ("max_character_limit_exceeded".equals(code)) {
      return new InvalidRequestException(message, "input");
    }
    return switch (status) {
      case 401, 402, 403 -> new AuthenticationException(message);
      case 404 -> new ModelNotFoundException(message);
      case 408 -> new UpstreamTimeoutException(message, null);
      case 429 -> new RateLimitedException(message, retryAfter);
      default -> status >= 500
          ? new UpstreamUnavailableException(message, status, retryAfter, null)
          : new InvalidRequestException(message, null);
    };
  }

  /** An I/O failure; {@code started} when part of the answer had already arrived. */
  ModelgateException fromIo(IOException e, boolean started) {
    String what = safe(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    if (e instanceof InterruptedIOException) {
      return new UpstreamTimeoutException("ElevenLabs did not answer in time: " + what, e);
    }
    if (started) {
      return new StreamBrokenException("the ElevenLabs audio stream broke off: " + what, e);
    }
    return new UpstreamUnavailableException("ElevenLabs could not be reached: " + what, 0, null, e);
  }

  private static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      return null;
    }
  }

  private @Nullable Object parse(String body) {
    try {
      return json.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private String safe(String message) {
    return apiKey == null ? message : message.replace(apiKey.reveal(), "[redacted]");
  }
}
