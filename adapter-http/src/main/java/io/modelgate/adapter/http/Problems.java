package io.modelgate.adapter.http;

import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.BillingException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelPendingException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.Redaction;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.TooSoonException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.error.UpstreamConflictException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place where an error becomes an HTTP status and OpenAI's error body. Upstream failures get a message of
 * our own (the provider's text may name its hosts); every message is scrubbed of keys, URLs and host names.
 *
 * <p>{@link NoUsableModelException} is 503, not 404: the model named exists (or none was named) but nothing that
 * may serve it is usable right now — disabled, deprecated without a usable fallback, or its provider is down. That
 * is the server's state, which may change, not a mistake in the request; 404 stays for ids the catalog does not
 * know.
 */
final class Problems {
  private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s'\"<>)]+");
  private static final Pattern JAVA_HOST = Pattern.compile("[\\w.-]+/\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?");
  private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F]*:[0-9a-fA-F:]+](?::\\d+)?");
  private static final Pattern HOST_PORT =
      Pattern.compile("(?i)\\b(?:localhost|[a-z0-9-]+(?:\\.[a-z0-9-]+)+):\\d{2,5}\\b");

  private Problems() {}

  /** The problem for an error raised while serving a request. */
  static Problem of(ModelgateException e) {
    return switch (e) {
      case PayloadTooLargeException p -> problem(413, "invalid_request_error", p, null);
      case InvalidRequestException i -> problem(400, "invalid_request_error", i, i.param());
      case UnsupportedCapabilityException u -> problem(400, "invalid_request_error", u, "model");
      case AccessDeniedException a -> problem(403, "permission_error", a, null);
      case ModelNotFoundException m -> problem(404, "invalid_request_error", m, "model");
      case ModelPendingException m -> problem(409, "invalid_request_error", m, "model");
      case QuotaExceededException q -> new Problem(429, "insufficient_quota", q.code(), scrub(q.getMessage()),
          q.limit(), q.retryAfter() != null ? q.retryAfter() : java.time.Duration.ofSeconds(60));
      case TooSoonException t -> problem(429, "rate_limit_error", t, null);
      case NoUsableModelException n -> problem(503, "server_error", n, "model");
      case ShuttingDownException d -> new Problem(503, "server_error", d.code(), d.getMessage(), null, null);
      // From here on the error came from a provider: our own words, not theirs.
      case AuthenticationException a -> new Problem(502, "upstream_error", "upstream_authentication_failed",
          "the provider refused the key configured for it", null, null);
      case BillingException b -> new Problem(502, "upstream_error", b.code(),
          "the provider refused the call for billing reasons (no credit or quota left on its account)", null, null);
      case UpstreamConflictException c -> new Problem(503, "upstream_error", c.code(),
          "the provider was busy with a conflicting request; try again", null,
          c.retryAfter() != null ? c.retryAfter() : java.time.Duration.ofSeconds(1));
      case RateLimitedException r -> new Problem(429, "rate_limit_error", r.code(),
          "the provider is rate limiting requests; try again later", null,
          r.retryAfter() != null ? r.retryAfter() : java.time.Duration.ofSeconds(1));
      case UpstreamTimeoutException t -> new Problem(504, "upstream_error", t.code(),
          "the provider did not answer in time", null, null);
      case UpstreamUnavailableException u -> u.status() == 0 || u.status() == 503
          ? new Problem(503, "upstream_error", u.code(), u.status() == 0
              ? "the provider could not be reached" : "the provider is unavailable", null, u.retryAfter())
          : new Problem(502, "upstream_error", u.code(),
              "the provider failed (it answered " + u.status() + ")", null, u.retryAfter());
      case StreamBrokenException s -> new Problem(502, "upstream_error", s.code(),
          "the provider's reply broke off before it finished", null, null);
      default -> new Problem(e.retriable() ? 502 : 400, e.retriable() ? "upstream_error" : "invalid_request_error",
          e.code(), scrub(e.getMessage()), null, e.retryAfter());
    };
  }

  /** The caller presented no valid gateway key. */
  static Problem unauthenticated(AuthenticationException e) {
    return new Problem(401, "authentication_error", "invalid_api_key", scrub(e.getMessage()), null, null);
  }

  static Problem internal(String requestId) {
    return new Problem(500, "server_error", "internal_error",
        "internal error; quote request id " + requestId + " when reporting it", null, null);
  }

  static Problem noRoute(String method, String path) {
    return new Problem(404, "invalid_request_error", "not_found",
        "no endpoint " + method + " " + scrub(path.length() > 200 ? path.substring(0, 200) : path), null, null);
  }

  private static Problem problem(int status, String type, ModelgateException e, String param) {
    return new Problem(status, type, e.code(), scrub(e.getMessage()), param, e.retryAfter());
  }

  /**
   * What a member reads of a provider's failure: the provider's own text (which may echo a key, or name hosts and
   * ports behind the gateway) is for admins only, scrubbed.
   */
  static final String MEMBER_PROVIDER_ERROR = "the provider failed its last check; an admin can see why";

  /** A provider's last error as an admin (scrubbed) or a member (the summary) may read it; null when none. */
  static @Nullable String providerError(@Nullable String error, boolean admin) {
    return error == null ? null : admin ? scrub(error) : MEMBER_PROVIDER_ERROR;
  }

  /** Removes keys, URLs and host names from text meant for a caller. */
  static String scrub(String text) {
    String s = Redaction.redact(text);
    s = URL.matcher(s).replaceAll("[url]");
    s = JAVA_HOST.matcher(s).replaceAll("[host]");
    s = IPV6.matcher(s).replaceAll("[host]");
    s = IPV4.matcher(s).replaceAll("[host]");
    return HOST_PORT.matcher(s).replaceAll("[host]");
  }
}
