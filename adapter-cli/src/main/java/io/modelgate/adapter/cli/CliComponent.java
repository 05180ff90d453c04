package io.modelgate.adapter.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.app.ConfigModule;
import io.modelgate.app.DatabaseStoreModule;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The CLI's object graph for embedded mode; only the entry point is exposed. */
@Singleton
@Component(modules = {ConfigModule.class, DatabaseStoreModule.class})
interface CliComponent {
  /** The commands' backend over the configured database; closing it closes the database pool. */
  EmbeddedBackend backend();

  @Component.Factory
  interface Factory {
    CliComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
