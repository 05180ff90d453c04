package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Every command in embedded mode, on the H2 database in a fresh data directory. */
class EmbeddedCommandsTest extends CommandsContract {
  @TempDir
  static Path home;

  private static String owner;

  @BeforeAll
  static void createKeyOwner() throws IOException {
    CliRun user = CliRun.run(env(), "", "users", "create", "--name", "key-owner", "--json");
    owner = (String) object(user).get("id");
    assertThat(owner).startsWith("usr_");
  }

  private static Map<String, String> env() {
    return Map.of("MODELGATE_HOME", home.toString());
  }

  @Override
  CliRun runWith(String stdin, String... args) {
    return CliRun.run(env(), stdin, args);
  }

  @Override
  List<String> keysOwner() {
    return List.of("--user", owner);
  }

  @Override
  boolean probesProviders() {
    return true;
  }
}
