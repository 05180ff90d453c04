package io.modelgate.adapter.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on the logger {@value #LOGGER} at INFO: method, route (the endpoint's path template, never the
 * raw path or query), status and latency, then {@code key=value} pairs — request id, trace id (the current trace's,
 * from the MDC's {@value #TRACE_ID}, else the incoming W3C {@code traceparent}'s), caller (the user id), and for a
 * model call the model, provider, tokens, cost and upstream attempts. The pairs are also the event's key-value
 * list, which logback's JSON encoder writes as fields. Never a key, a header value other than a well-formed trace id,
 * or any body text. Thread-safe.
 */
@Singleton
final class AccessLog {
  static final String LOGGER = "modelgate.access";
  /** The MDC entry a tracer sets for the current trace. */
  static final String TRACE_ID = "trace_id";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  @Inject
  AccessLog() {}

  void log(Call call, String method, String route, int status, long nanos) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    StringBuilder line = new StringBuilder(256).append(method).append(' ').append(route).append(' ').append(status)
        .append(' ').append(nanos / 1_000_000).append("ms");
    LoggingEventBuilder event = LOG.atInfo();
    pair(line, event, "request_id", call.requestId().value());
    pair(line, event, "trace_id", traceId(call));
    pair(line, event, "caller", call.hasCaller() ? call.caller().principal() : null);
    pair(line, event, "status", status);
    pair(line, event, "latency_ms", nanos / 1_000_000);
    Call.Served served = call.served();
    if (served != null) {
      pair(line, event, "model", served.model());
      pair(line, event, "provider", served.provider());
      pair(line, event, "input_tokens", served.usage().promptTokens());
      pair(line, event, "output_tokens", served.usage().completionTokens());
      pair(line, event, "cost_usd", served.cost().stripTrailingZeros().toPlainString());
      pair(line, event, "attempts", served.attempts());
    }
    event.addKeyValue("method", method).addKeyValue("route", route).log(line.toString());
  }

  private static void pair(StringBuilder line, LoggingEventBuilder event, String key, @Nullable Object value) {
    if (value == null) {
      return;
    }
    if (!key.equals("status") && !key.equals("latency_ms")) {
      line.append(' ').append(key).append('=').append(value);
    }
    event.addKeyValue(key, value);
  }

  /** The current trace's id: the tracer's (MDC), else a well-formed incoming {@code traceparent}'s; else null. */
  private static @Nullable String traceId(Call call) {
    String current = MDC.get(TRACE_ID);
    if (current != null && !current.isBlank()) {
      return current;
    }
    String incoming = call.header("traceparent").orElse(null);
    if (incoming == null) {
      return null;
    }
    var m = TRACEPARENT.matcher(incoming.strip());
    return m.matches() ? m.group(1) : null;
  }
}
