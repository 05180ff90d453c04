package io.modelgate.adapter.http;

import io.modelgate.core.chat.Usage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The service's metrics in Prometheus text format: HTTP requests and latency by route, and per model and
 * provider the calls, their latency, time to first token, tokens, cost and errors. A few counters and histograms
 * need no library. Thread-safe.
 */
@Singleton
final class Metrics {
  private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

  private final List<Family> families = new ArrayList<>();
  private final Family httpRequests = add(new Family("modelgate_http_requests_total", "counter",
      "HTTP requests by method, route and status.", "method", "route", "status"));
  private final Family httpSeconds = add(new Family("modelgate_http_request_duration_seconds", "histogram",
      "HTTP request latency by method and route (streams: until the last byte).", "method", "route"));
  private final Family calls = add(new Family("modelgate_model_requests_total", "counter",
      "Model calls by operation, model, provider and outcome (success, error, cancelled).",
      "operation", "model", "provider", "outcome"));
  private final Family callSeconds = add(new Family("modelgate_model_request_duration_seconds", "histogram",
      "Model call latency by operation, model and provider.", "operation", "model", "provider"));
  private final Family ttft = add(new Family("modelgate_time_to_first_token_seconds", "histogram",
      "Time from the request to the first streamed token, by model and provider.", "model", "provider"));
  private final Family tokens = add(new Family("modelgate_tokens_total", "counter",
      "Tokens by model, provider and type (prompt, completion, cached, reasoning).", "model", "provider", "type"));
  private final Family cost = add(new Family("modelgate_cost_usd_total", "counter",
      "Estimated cost in USD at the catalog price, by model and provider.", "model", "provider"));
  private final Family errors = add(new Family("modelgate_model_errors_total", "counter",
      "Failed model calls by model, provider and error code.", "model", "provider", "code"));

  @Inject
  Metrics() {}

  private Family add(Family family) {
    families.add(family);
    return family;
  }

  void http(String method, String route, int status, long nanos) {
    httpRequests.counter(method, route, Integer.toString(status)).add(1);
    httpSeconds.histogram(method, route).observe(nanos / 1e9);
  }

  /** One finished model call; {@code model} and {@code provider} are empty when routing failed. */
  void call(String operation, String model, String provider, String outcome, @Nullable String errorCode,
      Usage usage, BigDecimal costUsd, long nanos, @Nullable Long firstTokenNanos) {
    calls.counter(operation, model, provider, outcome).add(1);
    callSeconds.histogram(operation, model, provider).observe(nanos / 1e9);
    if (firstTokenNanos != null) {
      ttft.histogram(model, provider).observe(firstTokenNanos / 1e9);
    }
    if (usage.promptTokens() > 0) {
      tokens.counter(model, provider, "prompt").add(usage.promptTokens());
    }
    if (usage.completionTokens() > 0) {
      tokens.counter(model, provider, "completion").add(usage.completionTokens());
    }
    if (usage.cachedTokens() > 0) {
      tokens.counter(model, provider, "cached").add(usage.cachedTokens());
    }
    if (usage.reasoningTokens() > 0) {
      tokens.counter(model, provider, "reasoning").add(usage.reasoningTokens());
    }
    if (costUsd.signum() > 0) {
      cost.counter(model, provider).add(costUsd.doubleValue());
    }
    if (errorCode != null) {
      errors.counter(model, provider, errorCode).add(1);
    }
  }

  /** Everything, in the Prometheus text exposition format 0.0.4. */
  String scrape() {
    StringBuilder out = new StringBuilder();
    for (Family f : families) {
      f.write(out);
    }
    return out.toString();
  }

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[SECONDS.length];
    final DoubleAdder sum = new DoubleAdder();
    final LongAdder count = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < SECONDS.length; i++) {
        if (seconds <= SECONDS[i]) {
          buckets[i].increment();
        }
      }
      sum.add(seconds);
      count.increment();
    }
  }

  private static final class Family {
    final String name;
    final String type;
    final String help;
    final List<String> labels;
    final Map<List<String>, Object> cells = new ConcurrentHashMap<>();

    Family(String name, String type, String help, String... labels) {
      this.name = name;
      this.type = type;
      this.help = help;
      this.labels = List.of(labels);
    }

    DoubleAdder counter(String... values) {
      return (DoubleAdder) cells.computeIfAbsent(List.of(values), k -> new DoubleAdder());
    }

    Histogram histogram(String... values) {
      return (Histogram) cells.computeIfAbsent(List.of(values), k -> new Histogram());
    }

    void write(StringBuilder out) {
      out.append("# HELP ").append(name).append(' ').append(help).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      List<Map.Entry<List<String>, Object>> rows = new ArrayList<>(cells.entrySet());
      rows.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
      for (Map.Entry<List<String>, Object> row : rows) {
        String labelText = labelText(row.getKey(), null);
        if (row.getValue() instanceof DoubleAdder c) {
          out.append(name).append(labelText).append(' ').append(number(c.sum())).append('\n');
        } else if (row.getValue() instanceof Histogram h) {
          String base = name;
          for (int i = 0; i < SECONDS.length; i++) {
            out.append(base).append("_bucket").append(labelText(row.getKey(), number(SECONDS[i]))).append(' ')
                .append(h.buckets[i].sum()).append('\n');
          }
          out.append(base).append("_bucket").append(labelText(row.getKey(), "+Inf")).append(' ')
              .append(h.count.sum()).append('\n');
          out.append(base).append("_sum").append(labelText).append(' ').append(number(h.sum.sum())).append('\n');
          out.append(base).append("_count").append(labelText).append(' ').append(h.count.sum()).append('\n');
        }
      }
    }

    private String labelText(List<String> values, @Nullable String le) {
      StringBuilder s = new StringBuilder("{");
      for (int i = 0; i < labels.size(); i++) {
        if (i > 0) {
          s.append(',');
        }
        s.append(labels.get(i)).append("=\"").append(escape(values.get(i))).append('"');
      }
      if (le != null) {
        s.append(labels.isEmpty() ? "" : ",").append("le=\"").append(le).append('"');
      }
      return s.append('}').toString();
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
