package io.modelgate.adapter.http;

import io.modelgate.app.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A server span per request, named {@code {method} {route}} after the HTTP semantic conventions, continuing the
 * caller's trace context ({@code traceparent}, or what {@code OTEL_PROPAGATORS} names) and current while the request
 * is served, so the gateway's attempts are its children (and its trace id is the MDC's {@value AccessLog#TRACE_ID}
 * for the access log). Records the method, route, path and status — never a header's value, a query or a body. Off (no {@code OTEL_*} exporter), it does nothing. Thread-safe.
 */
@Singleton
final class ServerSpans {
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("modelgate.request_id");

  /** Reads the propagation headers of a request. */
  private static final TextMapGetter<Exchange> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Exchange request) {
      List<String> names = new ArrayList<>();
      for (Http1Framing.Field field : request.fields()) {
        names.add(field.name());
      }
      return names;
    }

    @Override
    public @Nullable String get(@Nullable Exchange request, String key) {
      return request == null ? null : request.header(key).orElse(null);
    }
  };

  private final Tracing tracing;

  @Inject
  ServerSpans(Tracing tracing) {
    this.tracing = tracing;
  }

  /** The span of one request, current on this thread until {@link #end}. */
  interface Served {
    /** Ends the span with the response's status (5xx: an error). */
    void end(int status);
  }

  private static final Served NOTHING = status -> { };

  /** Starts the span of {@code request}, served by {@code endpoint}'s route, and makes it current. */
  Served start(String method, String route, Exchange request, String requestId) {
    if (!tracing.on()) {
      return NOTHING;
    }
    Context parent = tracing.openTelemetry().getPropagators().getTextMapPropagator()
        .extract(Context.root(), request, HEADERS);
    Span span = tracing.tracer().spanBuilder(method + " " + route)
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(METHOD, method)
        .setAttribute(ROUTE, route)
        .setAttribute(PATH, request.rawPath())
        .setAttribute(REQUEST_ID, requestId)
        .startSpan();
    Scope scope = parent.with(span).makeCurrent();
    MDC.put(AccessLog.TRACE_ID, span.getSpanContext().getTraceId());
    return status -> {
      MDC.remove(AccessLog.TRACE_ID);
      span.setAttribute(STATUS, (long) status);
      if (status >= 500) {
        span.setAttribute(ERROR_TYPE, Integer.toString(status));
        span.setStatus(StatusCode.ERROR);
      }
      scope.close();
      span.end();
    };
  }
}
