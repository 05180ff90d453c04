package io.modelgate.provider.azurespeech;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamErrors;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.util.Map;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place Azure AI Speech failures become core exceptions. Azure often answers an error with an empty body;
 * its gateway's refusals carry {@code {"error":{"code","message"}}}. The status goes through core's one table
 * ({@link UpstreamErrors}). Messages are Azure's own, key removed.
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
    return UpstreamErrors.forStatus(response.code(), message, null,
        UpstreamErrors.retryAfter(response.header("Retry-After")));
  }

  /** An I/O failure; {@code started} once audio had begun to arrive. */
  ModelgateException fromIo(IOException e, boolean started) {
    String what = String.valueOf(e.getMessage());
    return UpstreamErrors.fromIo("Azure AI Speech", key == null || !what.contains(key.reveal()) ? e
        : new IOException(what.replace(key.reveal(), "[redacted]"), e.getCause()), started);
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
}
