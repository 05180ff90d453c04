package io.modelgate.provider.ollama;

import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A focused test against one MockWebServer standing in for an Ollama node. */
abstract class OllamaServerTest {
  protected MockWebServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  protected final ProviderConnection connect(@Nullable Secret key) {
    return new OllamaDriver().connect(OllamaTesting.instance(server, Map.of()), key);
  }

  protected final ProviderConnection connect() {
    return connect(null);
  }

  protected final RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(1, TimeUnit.SECONDS);
  }
}
