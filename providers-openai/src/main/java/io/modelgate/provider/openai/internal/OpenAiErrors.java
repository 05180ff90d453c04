package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamErrors;
import java.io.IOException;
import java.time.Duration;
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
    // OpenAI answers an account out of credit with 429 "insufficient_quota": a billing refusal, not a throttle.
    boolean noCredit = error != null && "insufficient_quota".equals(text(error.get("code")));
    return forStatus(noCredit ? 402 : status, message, param, retryAfter);
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
        case "insufficient_quota", "payment_required" -> 402;
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
    return UpstreamErrors.fromIo("the provider", e, started);
  }

  /** The core table ({@link UpstreamErrors}): OpenRouter's 402 "Insufficient credits" is a billing refusal. */
  static ModelgateException forStatus(int status, @Nullable String providerMessage, @Nullable String param,
      @Nullable Duration retryAfter) {
    return UpstreamErrors.forStatus(status, providerMessage, param, retryAfter);
  }

  /** {@code Retry-After} (seconds or an HTTP date), else OpenAI's own {@code retry-after-ms}. */
  static @Nullable Duration retryAfter(@Nullable String header, @Nullable String millisHeader) {
    Duration wait = UpstreamErrors.retryAfter(header);
    if (wait != null || millisHeader == null || millisHeader.isBlank()) {
      return wait;
    }
    try {
      double millis = Double.parseDouble(millisHeader.strip());
      return millis < 0 ? null : Duration.ofMillis((long) millis);
    } catch (NumberFormatException e) {
      return null;
    }
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
