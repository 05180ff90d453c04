package io.modelgate.adapter.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.app.ConfigModule;
import io.modelgate.app.InMemoryStoreModule;
import io.modelgate.app.Application;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The CLI's object graph; only the entry point is exposed. */
@Singleton
@Component(modules = {ConfigModule.class, InMemoryStoreModule.class})
interface CliComponent {
  Application application();

  @Component.Factory
  interface Factory {
    CliComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
