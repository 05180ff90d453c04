package io.modelgate.adapter.http;

import dagger.BindsInstance;
import dagger.Component;
import io.modelgate.app.ConfigModule;
import io.modelgate.app.InMemoryStoreModule;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The service's object graph: configuration and drivers from the app, the store module (the one line to change
 * when the database-backed store module arrives), and the HTTP bindings.
 */
@Singleton
@Component(modules = {ConfigModule.class, InMemoryStoreModule.class, HttpModule.class})
interface HttpComponent extends HttpGraph {
  @Component.Factory
  interface Factory {
    HttpComponent create(@BindsInstance @EnvironmentVariables Map<String, String> env);
  }
}
