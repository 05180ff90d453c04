package io.modelgate.adapter.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The CLI's object graph; only the entry point is exposed. */
@Singleton
@Component(modules = {CliModule.class, InMemoryStoreModule.class})
interface CliComponent {
  Application application();

  @Component.Factory
  interface Factory {
    CliComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
