package io.modelgate.adapter.http;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelgate.app.Configuration;
import io.modelgate.app.HttpSettings;
import io.modelgate.app.OperationsSettings;
import io.modelgate.core.port.ProviderEvents;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The HTTP service's bindings beyond the shared app modules: its settings (the HTTP and operations parts of the
 * app's {@link Configuration}), the metrics registry — one Micrometer registry per graph (never the global one), the
 * Prometheus registry that {@code /metrics} scrapes, with Micrometer's JVM and process meters — and the listeners of
 * core's {@link ProviderEvents}: the provider meters and the alert webhook.
 */
@Module
interface HttpModule {
  @Provides
  @Singleton
  static HttpSettings settings(Configuration configuration) {
    return configuration.http();
  }

  @Provides
  @Singleton
  static OperationsSettings operations(Configuration configuration) {
    return configuration.operations();
  }

  @Provides
  @Singleton
  static PrometheusMeterRegistry prometheus() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Prometheus, and OTLP beside it when the OTEL_* variables name a collector ({@link OtlpMetrics}), with the JVM's
   * memory, threads, class loading, CPU and uptime.
   */
  @Provides
  @Singleton
  static MeterRegistry meters(PrometheusMeterRegistry prometheus, @EnvironmentVariables Map<String, String> env) {
    MeterRegistry registry = OtlpMetrics.alongside(prometheus, env);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /** The JVM's garbage collections; it listens to the JVM until closed (with the service). */
  @Provides
  @Singleton
  static JvmGcMetrics gc(MeterRegistry registry) {
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  @Binds
  @IntoSet
  ProviderEvents providerMetrics(ProviderMetrics metrics);

  @Binds
  @IntoSet
  ProviderEvents alerts(AlertWebhook webhook);
}
