package io.modelgate.adapter.http;

import dagger.Module;
import dagger.Provides;
import io.modelgate.core.provider.EnvironmentVariables;
import jakarta.inject.Singleton;
import java.util.Map;

/** The HTTP service's bindings beyond the shared app modules: its settings. */
@Module
interface HttpModule {
  @Provides
  @Singleton
  static HttpSettings settings(@EnvironmentVariables Map<String, String> env) {
    return HttpSettings.fromEnvironment(env);
  }
}
