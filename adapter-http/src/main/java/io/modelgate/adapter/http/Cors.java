package io.modelgate.adapter.http;

import io.modelgate.app.HttpSettings;
import io.modelgate.core.quota.QuotaMeter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * CORS for the origins in {@code MODELGATE_CORS_ORIGINS} only (none by default): answers their preflights and lets
 * their scripts read our headers. Other origins get no CORS headers, so browsers keep them out.
 */
@Singleton
final class Cors {
  static final String EXPOSED = "x-modelgate-request-id, x-modelgate-model, x-modelgate-requested-model, "
      + "x-modelgate-provider, x-modelgate-route, x-modelgate-cost-usd, X-Halext-AI-Model, Retry-After, ETag, "
      + "Deprecation, Link, "
      + Arrays.stream(QuotaMeter.values()).map(RateLimitHeaders::suffix)
          .map(s -> "x-ratelimit-limit-" + s + ", x-ratelimit-remaining-" + s + ", x-ratelimit-reset-" + s)
          .collect(Collectors.joining(", "));

  private final HttpSettings settings;

  @Inject
  Cors(HttpSettings settings) {
    this.settings = settings;
  }

  /**
   * Adds the CORS headers an allowed origin gets; true when the request was a preflight, which it has answered (an
   * allowed origin: 204 with what it may send; any other: 403), false when the request goes on to its endpoint.
   */
  boolean answered(Exchange exchange) {
    Optional<String> origin = exchange.header("Origin");
    boolean preflight = exchange.method().equals("OPTIONS")
        && exchange.header("Access-Control-Request-Method").isPresent();
    if (origin.isEmpty() || !settings.allowsOrigin(origin.get())) {
      if (preflight) {
        exchange.status(403);
        exchange.send();
      }
      return preflight;
    }
    exchange.header("Access-Control-Allow-Origin", origin.get());
    exchange.header("Vary", "Origin");
    if (preflight) {
      exchange.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      exchange.header("Access-Control-Allow-Headers",
          "Authorization, Content-Type, If-None-Match, X-Modelgate-Conversation-Id");
      exchange.header("Access-Control-Max-Age", "600");
      exchange.status(204);
      exchange.send();
      return true;
    }
    exchange.header("Access-Control-Expose-Headers", EXPOSED);
    return false;
  }
}
