package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelgate serve} as its own process: where it listens, the bootstrap key once, and it runs until killed. */
class ServeTest {
  @TempDir
  Path home;

  @Test
  void serveListensOnModelgatePortAndPrintsTheBootstrapKeyOnce() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.modelgate.adapter.cli.Main", "serve"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("MODELGATE_HOME", home.toString());
    builder.environment().put("MODELGATE_PORT", Integer.toString(port));
    Process serve = builder.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String listening = out.readLine();
      String keyLine = out.readLine();
      assertThat(listening).isEqualTo("Modelgate listening on http://localhost:" + port);
      assertThat(keyLine).startsWith("Bootstrap admin key (shown once, store it now): mg_");
      String key = keyLine.substring(keyLine.lastIndexOf(' ') + 1);

      CliRun models = CliRun.run(Map.of("MODELGATE_API_KEY", key), "", "--server", "http://localhost:" + port,
          "models", "list", "--provider", "demo");
      assertThat(models.exit()).as(models.err()).isZero();
      assertThat(models.out()).contains("demo:echo");
      assertThat(serve.isAlive()).isTrue();
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops when told to").isTrue();
    }
  }
}
