package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place the OpenAI protocol family (OpenAI, every compatible server, Open WebUI, OpenRouter) turns an HTTP
 * status, an error body, an in-stream error or an I/O failure into a Modelgate exception. The message is the
 * provider's own, from the body; the exception's constructor redacts anything key-like.
 */
public final class OpenAiErrors {
  private static final JsonAdapter<Object> JSON = OpenAiHttp.MOSHI.adapter(Object.class).lenient();
  private static final int MAX_MESSAGE = 500;

  private OpenAiErrors() {}

  /** The exception for an unsuccessful response; reads (and so consumes) its body. */
  public static ModelgateException fromResponse(Response response) {
    String body;
    try {
      body = response.body().string();
    } catch (IOException e) {
      body = "";
    }
    Duration retryAfter = retryAfter(response.header("Retry-After"), response.header("retry-after-ms"));
    return fromStatus(response.code(), body, retryAfter);
  }

  /** The exception for HTTP {@code status} with error body {@code body}. */
  public static ModelgateException fromStatus(int status, String body, @Nullable Duration retryAfter) {
    Map<?, ?> error = errorObject(body);
    String message = error != null ? text(error.get("message")) : null;
    if (message == null) {
      message = topLevelMessage(body);
    }
    String param = error != null ? text(error.get("param")) : null;
    return forStatus(status, message, param, retryAfter);
  }

  /**
   * The exception for an {@code error} object sent inside a 200 stream (OpenRouter's mid-stream error, vLLM's
   * error event): a numeric code is read as an HTTP status, a string code by its meaning.
   */
  public static ModelgateException fromStreamError(@Nullable Object code, @Nullable String message) {
    String text = message == null || message.isBlank() ? "the provider reported an error mid-stream" : message;
    int status;
    if (code instanceof Number n) {
      status = n.intValue();
    } else {
      String c = code == null ? "" : code.toString().toLowerCase(Locale.ROOT);
      status = switch (c) {
        case "invalid_api_key", "authentication_error", "unauthorized" -> 401;
        case "model_not_found", "not_found" -> 404;
        case "invalid_request_error", "context_length_exceeded", "bad_request" -> 400;
        case "timeout", "request_timeout" -> 408;
        case "rate_limit_exceeded", "rate_limited", "too_many_requests" -> 429;
        default -> 502;
      };
    }
    return forStatus(status, text, null, null);
  }

  /**
   * An I/O failure: a timeout (no first byte, or a stall) is an upstream timeout; anything else is the provider
   * being unreachable before the answer {@code started}, or a broken stream after.
   */
  public static ModelgateException fromIo(IOException e, boolean started) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return new UpstreamTimeoutException("the provider did not answer in time (" + what + ")", e);
    }
    if (started) {
      return new StreamBrokenException("the stream broke off: " + what, e);
    }
    return new UpstreamUnavailableException("the provider could not be reached: " + what, 0, null, e);
  }

  static ModelgateException forStatus(int status, @Nullable String providerMessage, @Nullable String param,
      @Nullable Duration retryAfter) {
    String message = providerMessage == null || providerMessage.isBlank()
        ? "the provider answered HTTP " + status : providerMessage;
    return switch (status) {
      case 401, 403 -> new AuthenticationException(message);
      // 402 (OpenRouter: "Insufficient credits"): the request is fine and a retry will not help until someone adds
      // credit to the account behind this key. It is the credential that cannot be used, so it is reported like a
      // refused key: the router then skips this instance's key and tries another provider, where an
      // InvalidRequestException would wrongly blame the caller's request and stop the fallback.
      case 402 -> new AuthenticationException(message);
      case 404 -> new ModelNotFoundException(message);
      case 408 -> new UpstreamTimeoutException(message, null);
      case 429 -> new RateLimitedException(message, retryAfter);
      default -> status >= 500
          ? new UpstreamUnavailableException(message, status, retryAfter, null)
          : new InvalidRequestException(message, param);
    };
  }

  /** {@code Retry-After} as seconds or an HTTP date, else OpenAI's {@code retry-after-ms}. */
  static @Nullable Duration retryAfter(@Nullable String header, @Nullable String millisHeader) {
    if (header != null && !header.isBlank()) {
      String value = header.trim();
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
          return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException notADate) {
          // fall through to the millisecond header
        }
      }
    }
    if (millisHeader != null && !millisHeader.isBlank()) {
      try {
        return Duration.ofMillis((long) Double.parseDouble(millisHeader.trim()));
      } catch (NumberFormatException ignored) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable Map<?, ?> errorObject(String body) {
    Object parsed = parse(body);
    if (parsed instanceof Map<?, ?> map) {
      Object error = map.get("error");
      if (error instanceof Map<?, ?> inner) {
        return inner;
      }
      // vLLM and some others put the fields at the top: {"object":"error","message":…,"code":400}
      if ("error".equals(map.get("object"))) {
        return map;
      }
    }
    return null;
  }

  private static @Nullable String topLevelMessage(String body) {
    Object parsed = parse(body);
    if (parsed instanceof Map<?, ?> map) {
      for (String key : new String[] {"error", "message", "detail"}) {
        String value = text(map.get(key));
        if (value != null) {
          return value;
        }
      }
      return null;
    }
    String trimmed = body.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("<")) {
      return null; // an HTML error page from a proxy says nothing useful
    }
    return trimmed.length() > MAX_MESSAGE ? trimmed.substring(0, MAX_MESSAGE) + "…" : trimmed;
  }

  private static @Nullable Object parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return JSON.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String text(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      return JSON.toJson(value);
    }
    String s = value.toString();
    return s.isBlank() ? null : s;
  }
}
