package io.modelgate.provider.azurespeech;

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
import java.util.Map;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place Azure AI Speech failures become core exceptions. Azure often answers an error with an empty body;
 * its gateway's refusals carry {@code {"error":{"code","message"}}}. A 415 means our request was malformed (an
 * invalid request, not a retry). Messages are Azure's own, key removed.
 */
final class AzureSpeechErrors {
  private final JsonAdapter<Object> json;
  private final @Nullable Secret key;

  AzureSpeechErrors(Moshi moshi, @Nullable Secret key) {
    this.json = moshi.adapter(Object.class).lenient();
    this.key = key;
  }

  ModelgateException fromResponse(Response response) {
    String message = null;
    try {
      message = message(response.peekBody(64 * 1024).string());
    } catch (IOException unreadable) {
      // no body to quote: the status says it all
    }
    if (message == null) {
      message = "Azure AI Speech answered HTTP " + response.code();
    }
    message = key == null ? message : message.replace(key.reveal(), "[redacted]");
    int status = response.code();
    Duration retryAfter = seconds(response.header("Retry-After"));
    if (status == 401 || status == 403) {
      return new AuthenticationException(message);
    } else if (status == 404) {
      return new ModelNotFoundException(message);
    } else if (status == 408) {
      return new UpstreamTimeoutException(message, null);
    } else if (status == 429) {
      return new RateLimitedException(message, retryAfter);
    } else if (status >= 500) {
      return new UpstreamUnavailableException(message, status, retryAfter, null);
    }
    return new InvalidRequestException(message, null);
  }

  /** An I/O failure; {@code started} once audio had begun to arrive. */
  ModelgateException fromIo(IOException e, boolean started) {
    String what = String.valueOf(e.getMessage());
    if (key != null) {
      what = what.replace(key.reveal(), "[redacted]");
    }
    if (e instanceof InterruptedIOException) {
      return new UpstreamTimeoutException("Azure AI Speech did not answer in time: " + what, e);
    }
    return started ? new StreamBrokenException("the Azure audio stream broke off: " + what, e)
        : new UpstreamUnavailableException("Azure AI Speech could not be reached: " + what, 0, null, e);
  }

  private @Nullable String message(String body) {
    String text = body.strip();
    if (text.isEmpty() || text.startsWith("<")) {
      return null;
    }
    try {
      if (json.fromJson(text) instanceof Map<?, ?> map) {
        Object error = map.get("error");
        Object inner = error instanceof Map<?, ?> e ? e.get("message") : error;
        return inner == null ? null : inner.toString();
      }
    } catch (IOException | RuntimeException notJson) {
      // plain text: use it as it is
    }
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  private static @Nullable Duration seconds(@Nullable String header) {
    if (header == null || !header.strip().matches("\\d+")) {
      return null;
    }
    return Duration.ofSeconds(Long.parseLong(header.strip()));
  }
}
