package io.modelgate.app.tracing;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import io.modelgate.core.port.CallObserver;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;

/**
 * Traces as the {@code OTEL_*} variables configure them, and the gateway's {@link CallObserver}: every observer
 * contributed to the set (this module's tracing one when traces are on; metrics may add theirs) told in turn.
 */
@Module
public interface TracingModule {
  @Provides
  @Singleton
  static Tracing tracing(@EnvironmentVariables Map<String, String> env) {
    return Tracing.fromEnvironment(env);
  }

  /** On, each attempt is a client span; off, tracing watches nothing (not even a no-op tracer). */
  @Provides
  @ElementsIntoSet
  static Set<CallObserver> tracingObserver(Tracing tracing) {
    return tracing.on() ? Set.of(new OtelCallObserver(tracing.tracer())) : Set.of();
  }

  @Provides
  @Singleton
  static CallObserver callObserver(Set<CallObserver> observers) {
    return CallObserver.all(observers);
  }
}
