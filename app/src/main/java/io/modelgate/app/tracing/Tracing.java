package io.modelgate.app.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Modelgate's traces: the OpenTelemetry SDK as its autoconfigure module sets it up from the {@code OTEL_*}
 * variables, or nothing at all. Tracing is on when the environment names where spans go
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) or an exporter
 * ({@code OTEL_TRACES_EXPORTER} other than {@code none}), and {@code OTEL_SDK_DISABLED} is not {@code true}; off, the
 * SDK is never loaded and every span is the API's no-op. The SDK exports traces only (metrics go through
 * Micrometer, logs through logback); the service is named
 * {@code modelgate} unless {@code OTEL_SERVICE_NAME} says otherwise; OTLP goes over HTTP ({@code http/protobuf},
 * sent with the JDK's HTTP client: {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} is refused at start). Not a global: the SDK is never registered as
 * {@code GlobalOpenTelemetry}. Close it to flush the spans not yet sent. Thread-safe.
 */
public final class Tracing implements AutoCloseable {
  /** The instrumentation scope of every span Modelgate makes. */
  static final String SCOPE = "io.modelgate";

  private final OpenTelemetry openTelemetry;
  private final @Nullable OpenTelemetrySdk sdk;
  private final @Nullable Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Tracing(OpenTelemetry openTelemetry, @Nullable OpenTelemetrySdk sdk) {
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    if (sdk != null) {
      shutdownHook = new Thread(this::close, "modelgate-tracing-flush");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /** No traces. */
  public static Tracing off() {
    return new Tracing(OpenTelemetry.noop(), null);
  }

  /**
   * Traces as {@code env} configures them (see the class comment); off when it names no exporter.
   *
   * @throws IllegalArgumentException naming the {@code OTEL_*} setting that is wrong
   */
  public static Tracing fromEnvironment(Map<String, String> env) {
    if (!enabled(env)) {
      return off();
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", "modelgate");
    // OTLP over HTTP (the specification's default; the SDK's own default is gRPC, for which we ship no sender).
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    // The variables as the properties they stand for (OTEL_BSP_SCHEDULE_DELAY: otel.bsp.schedule.delay); the
    // process's own environment is read by autoconfigure too and wins, so both ways agree.
    env.forEach((name, value) -> {
      if (name.startsWith("OTEL_")) {
        properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> properties)
          // Metrics go through Micrometer (its OTLP registry, configured by the same variables); logs through logback.
          .addPropertiesCustomizer(config -> Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none"))
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("OpenTelemetry settings (OTEL_*): " + e.getMessage(), e);
    }
    return new Tracing(sdk, sdk);
  }

  static boolean enabled(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) {
      return false;
    }
    String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip();
    if (!exporter.isEmpty()) {
      return !exporter.equalsIgnoreCase("none");
    }
    return !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
        || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank();
  }

  /** Whether spans are recorded and sent anywhere. */
  public boolean on() {
    return sdk != null;
  }

  /** The SDK (or the no-op API when off), for the adapters' own spans and context propagation. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Modelgate's tracer. */
  public Tracer tracer() {
    return openTelemetry.getTracer(SCOPE);
  }

  /** Sends the spans not yet sent (waiting a few seconds at most) and stops the SDK; idempotent. */
  @Override
  public void close() {
    if (sdk == null || !closed.compareAndSet(false, true)) {
      return;
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs (or ran) this
      }
    }
    sdk.shutdown().join(5, TimeUnit.SECONDS);
  }
}
