package io.modelgate.provider.elevenlabs;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamErrors;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one place ElevenLabs' failures become core exceptions. Its errors carry {@code {"detail":{"status","message"}}}
 * (a 422 carries FastAPI's {@code {"detail":[{"loc","msg","type"}]}}); {@code detail.status} refines the HTTP
 * status: {@code voice_not_found} is the caller's voice, not a missing model. The status itself goes through core's
 * one table ({@link UpstreamErrors}); {@code quota_exceeded} arrives as 401 and so is a credential that cannot be
 * used now. Messages are ElevenLabs' own, key removed.
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
    if ("voice_not_found".equals(code)) {
      return new InvalidRequestException(message, "voice");
    }
    if ("max_character_limit_exceeded".equals(code)) {
      return new InvalidRequestException(message, "input");
    }
    return UpstreamErrors.forStatus(status, message, null, UpstreamErrors.retryAfter(retryAfterHeader));
  }

  /** An I/O failure; {@code started} when part of the answer had already arrived. */
  ModelgateException fromIo(IOException e, boolean started) {
    String what = String.valueOf(e.getMessage());
    return UpstreamErrors.fromIo("ElevenLabs", safe(what).equals(what) ? e : new IOException(safe(what), e), started);
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
