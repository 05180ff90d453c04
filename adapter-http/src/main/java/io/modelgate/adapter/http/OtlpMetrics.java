package io.modelgate.adapter.http;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The service's meters pushed over OTLP/HTTP as well, by Micrometer's OTLP registry, configured by the same
 * {@code OTEL_*} variables as traces: on when {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector and {@code OTEL_METRICS_EXPORTER} is not {@code none} (nor
 * {@code OTEL_SDK_DISABLED} true); every {@code OTEL_METRIC_EXPORT_INTERVAL} ms (60 000), with
 * {@code OTEL_EXPORTER_OTLP_HEADERS} (or {@code _METRICS_HEADERS}) and the resource's {@code OTEL_SERVICE_NAME}
 * ({@code modelgate}) and {@code OTEL_RESOURCE_ATTRIBUTES}. Stateless.
 */
final class OtlpMetrics {
  private OtlpMetrics() {}

  /** {@code prometheus} alone, or with the OTLP registry beside it when {@code env} asks for OTLP metrics. */
  static MeterRegistry alongside(MeterRegistry prometheus, Map<String, String> env) {
    Map<String, String> config = config(env);
    if (config == null) {
      return prometheus;
    }
    OtlpMeterRegistry otlp = new OtlpMeterRegistry(config::get, Clock.SYSTEM);
    return new CompositeMeterRegistry(Clock.SYSTEM, List.of(prometheus, otlp));
  }

  /** Micrometer's {@code otlp.*} settings from the {@code OTEL_*} variables; null when OTLP metrics are off. */
  static @Nullable Map<String, String> config(Map<String, String> env) {
    if ("true".equalsIgnoreCase(value(env, "OTEL_SDK_DISABLED"))
        || "none".equalsIgnoreCase(value(env, "OTEL_METRICS_EXPORTER"))) {
      return null;
    }
    String url = value(env, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
    if (url == null) {
      String base = value(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
      if (base == null) {
        return null;
      }
      url = base.replaceAll("/+$", "") + "/v1/metrics";
    }
    Map<String, String> config = new HashMap<>();
    config.put("otlp.url", url);
    String interval = value(env, "OTEL_METRIC_EXPORT_INTERVAL");
    if (interval != null) {
      config.put("otlp.step", interval + "ms");
    }
    String headers = value(env, "OTEL_EXPORTER_OTLP_METRICS_HEADERS");
    headers = headers != null ? headers : value(env, "OTEL_EXPORTER_OTLP_HEADERS");
    if (headers != null) {
      config.put("otlp.headers", headers);
    }
    String service = value(env, "OTEL_SERVICE_NAME");
    String attributes = value(env, "OTEL_RESOURCE_ATTRIBUTES");
    config.put("otlp.resourceAttributes", "service.name=" + (service == null ? "modelgate" : service)
        + (attributes == null ? "" : "," + attributes));
    return config;
  }

  private static @Nullable String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
