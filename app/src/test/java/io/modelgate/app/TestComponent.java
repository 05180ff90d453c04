package io.modelgate.app;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.core.Modelgate;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The app's modules with in-memory stores, for tests. */
@Singleton
@Component(modules = {ConfigModule.class, InMemoryStoreModule.class})
interface TestComponent {
  Modelgate modelgate();

  @Component.Factory
  interface Factory {
    TestComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
