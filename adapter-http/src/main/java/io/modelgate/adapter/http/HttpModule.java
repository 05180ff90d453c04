package io.modelgate.adapter.http;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelgate.app.Configuration;
import io.modelgate.app.HttpSettings;
import jakarta.inject.Singleton;

/**
 * The HTTP service's bindings beyond the shared app modules: its settings (the HTTP part of the app's
 * {@link Configuration}), and the metrics registry: one Micrometer
 * registry per graph (never the global one), the Prometheus registry that {@code /metrics} scrapes. Another backend
 * (OTLP) is added by binding a composite registry here instead.
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
  static PrometheusMeterRegistry prometheus() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Binds
  MeterRegistry meters(PrometheusMeterRegistry prometheus);
}
