package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command in embedded mode, on the H2 database in a fresh data directory. The runs share one backend (one
 * database pool) to keep the suite quick; {@link CliTest} covers a run opening and closing the database itself.
 */
class EmbeddedCommandsTest extends CommandsContract {
  @TempDir
  static Path home;

  private static EmbeddedBackend backend;
  private static String owner;

  @BeforeAll
  static void openAndCreateKeyOwner() throws IOException {
    backend = DaggerCliComponent.factory().create(env()).backend();
    CliRun user = CliRun.run(backend, env(), "", "users", "create", "--name", "key-owner", "--json");
    owner = (String) object(user).get("id");
    assertThat(owner).startsWith("usr_");
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  private static Map<String, String> env() {
    return Map.of("MODELGATE_HOME", home.toString());
  }

  @Override
  CliRun runWith(String stdin, String... args) {
    return CliRun.run(backend, env(), stdin, args);
  }

  @Override
  List<String> keysOwner() {
    return List.of("--user", owner);
  }

}
