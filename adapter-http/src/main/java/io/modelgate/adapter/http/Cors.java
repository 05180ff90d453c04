package io.modelgate.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
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
final class Cors implements Filter {
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

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
    boolean preflight = req.prologue().method() == Method.OPTIONS
        && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    if (origin.isEmpty() || !settings.allowsOrigin(origin.get())) {
      if (preflight) {
        res.status(403);
        res.send();
        return;
      }
      chain.proceed();
      return;
    }
    res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
    res.header(HeaderNames.VARY, "Origin");
    if (preflight) {
      res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
          "Authorization, Content-Type, If-None-Match, X-Modelgate-Conversation-Id");
      res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
      res.status(204);
      res.send();
      return;
    }
    res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    chain.proceed();
  }
}
