package io.modelgate.adapter.http;

import io.modelgate.app.HttpSettings;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.RequestId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every endpoint the same way: a request id, authentication and the role check, the action, errors turned
 * into OpenAI's error body (no stack trace ever leaves), the HTTP metrics, the access log line and the request's
 * server span.
 */
@Singleton
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  static final String CONVERSATION_HEADER = "x-modelgate-conversation-id";
  /** The agent a call comes from (seed 002's agent-level default model); {@code agent_id} in a body wins. */
  static final String AGENT_HEADER = "x-modelgate-agent-id";

  private final SessionCookies credentials;
  private final JsonCodec json;
  private final HttpSettings settings;
  private final Metrics metrics;
  private final RateLimitHeaders limits;
  private final Lifecycle lifecycle;
  private final AccessLog access;
  private final ServerSpans spans;

  @Inject
  Dispatcher(SessionCookies credentials, JsonCodec json, HttpSettings settings, Metrics metrics,
      RateLimitHeaders limits, Lifecycle lifecycle, AccessLog access, ServerSpans spans) {
    this.access = access;
    this.lifecycle = lifecycle;
    this.spans = spans;
    this.limits = limits;
    this.credentials = credentials;
    this.json = json;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Serves {@code exchange} with {@code endpoint}, whose path parameters (raw) are {@code parameters}. */
  void serve(Endpoint endpoint, Map<String, String> parameters, Exchange exchange) {
    long started = System.nanoTime();
    Call call = new Call(exchange, parameters, json, settings.maxBodyBytes(), RequestId.random());
    ServerSpans.Served span = spans.start(endpoint.method().text(), endpoint.path(), exchange,
        call.requestId().value());
    lifecycle.enter();
    call.dialect(endpoint.dialect());
    try {
      if (endpoint.access() == Endpoint.Access.PUBLIC || authenticated(call, endpoint)) {
        if (endpoint.body() != null && call.hasBody()) {
          // The record /openapi.json shows is the contract: a wrong type or a missing required field is a 400.
          call.body(endpoint.body());
        }
        endpoint.action().handle(call);
      }
    } catch (ModelgateException e) {
      if (!e.retriable()) {
        LOG.debug("request {} refused: {}", call.requestId(), e.getMessage());
      } else {
        LOG.warn("request {} failed upstream: {}", call.requestId(), e.toString());
      }
      if (e instanceof QuotaExceededException q) {
        metrics.quotaRefused(q.limit());
        if (call.hasCaller() && !exchange.committed()) {
          limitHeaders(call);
        }
      }
      fail(call, Problems.of(e));
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("request {}: the connection closed: {}", call.requestId(), e.toString());
    } catch (Exchange.Dropped e) {
      // A body that broke off mid-way: the server drops the connection so the client never sees a clean end.
      throw e;
    } catch (RuntimeException e) {
      LOG.error("request {} failed", call.requestId(), e);
      fail(call, Problems.internal(call.requestId().value()));
    } finally {
      long took = System.nanoTime() - started;
      metrics.http(endpoint.method().text(), endpoint.path(), exchange.status(), took);
      access.log(call, endpoint.method().text(), endpoint.path(), exchange.status(), took);
      lifecycle.exit();
      span.end(exchange.status());
    }
  }

  /** Any request no endpoint matches. */
  void noRoute(Exchange exchange) {
    Call call = new Call(exchange, Map.of(), json, settings.maxBodyBytes(), RequestId.random());
    call.fail(Problems.noRoute(exchange.method(), exchange.rawPath()));
    metrics.http(exchange.method(), "(unmatched)", 404, 0);
    access.log(call, Metrics.httpMethod(exchange.method()), "(unmatched)", 404, 0);
  }

  private boolean authenticated(Call call, Endpoint endpoint) {
    CallerContext caller;
    try {
      caller = credentials.authenticate(call);
    } catch (AuthenticationException e) {
      call.header("WWW-Authenticate", "Bearer");
      call.fail(Problems.unauthenticated(e));
      return false;
    }
    if (endpoint.access() == Endpoint.Access.ADMIN && !caller.admin()) {
      throw new AccessDeniedException("this endpoint needs the admin role");
    }
    String agent = call.header(AGENT_HEADER).orElse(null);
    call.caller(Fields.checked(() -> caller.inConversation(call.header(CONVERSATION_HEADER).orElse(null))
        .forAgent(agent)));
    return true;
  }

  /** The caller's limits on a refusal for going over one; a failure to read them does not hide the refusal. */
  private void limitHeaders(Call call) {
    try {
      limits.write(call);
    } catch (RuntimeException e) {
      LOG.warn("request {}: could not read the caller's limits: {}", call.requestId(), e.toString());
    }
  }

  private static void fail(Call call, Problem problem) {
    if (call.streaming() || call.exchange().committed()) {
      return;
    }
    call.fail(problem);
  }
}
