package io.modelgate.adapter.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.app.ConfigModule;
import io.modelgate.app.DatabaseStoreModule;
import io.modelgate.app.Application;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The CLI's object graph; only the entry point is exposed. */
@Singleton
@Component(modules = {ConfigModule.class, DatabaseStoreModule.class})
interface CliComponent {
  Application application();

  /** The database the stores use, closed when the run ends. */
  io.modelgate.persistence.JdbiStores database();

  @Component.Factory
  interface Factory {
    CliComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
