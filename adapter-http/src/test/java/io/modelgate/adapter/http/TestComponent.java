package io.modelgate.adapter.http;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.app.ConfigModule;
import io.modelgate.app.DatabaseStoreModule;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The service's graph as tests build it: the same modules, plus the usage log to look into. */
@Singleton
@Component(modules = {ConfigModule.class, DatabaseStoreModule.class, HttpModule.class})
interface TestComponent extends HttpGraph {
  UsageLog usageLog();

  io.micrometer.core.instrument.MeterRegistry meterRegistry();

  @Component.Factory
  interface Factory {
    TestComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
