package io.modelgate.adapter.http;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.app.ConfigModule;
import io.modelgate.app.DatabaseStoreModule;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The service's object graph: configuration and drivers from the app, the stores on the configured database (by
 * default an H2 file in the data directory), and the HTTP bindings.
 */
@Singleton
@Component(modules = {ConfigModule.class, DatabaseStoreModule.class, HttpModule.class})
interface HttpComponent extends HttpGraph {
  @Component.Factory
  interface Factory {
    HttpComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
