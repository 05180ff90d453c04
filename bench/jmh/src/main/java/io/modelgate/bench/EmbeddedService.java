package io.modelgate.bench;

import io.modelgate.adapter.http.HttpService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the whole service in the benchmark's JVM, as the benchmarks that go through it need it: one
 * {@code openai-compatible} provider (auto-enabled) at {@code upstream}, an in-memory H2 database, the demo and the
 * health rounds off, on a free loopback port.
 */
final class EmbeddedService {
  private EmbeddedService() {}

  /** {@code name} tells the benchmark's files and database apart; {@code provider} is the provider's id. */
  static HttpService start(String name, String provider, String upstream, String adminKey) throws IOException {
    Path home = Files.createTempDirectory("modelgate-bench-" + name);
    Path config = home.resolve("modelgate.yaml");
    Files.writeString(config, "providers:\n  - id: " + provider + "\n    kind: openai-compatible\n    base_url: "
        + upstream + "\n    approval: auto-enable\n");
    return HttpService.start(Map.of(
        "MODELGATE_HOME", home.toString(),
        "MODELGATE_CONFIG", config.toString(),
        "MODELGATE_DB_URL", "jdbc:h2:mem:" + name + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1",
        "MODELGATE_ADMIN_KEY", adminKey,
        "MODELGATE_DEMO", "off",
        "MODELGATE_HOST", "127.0.0.1",
        "MODELGATE_HEALTH_INTERVAL_SECONDS", "0"), 0);
  }
}
