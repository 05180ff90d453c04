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

  /** {@code modelgate serve} as a child process with {@code env} added; stderr goes to {@code err}. */
  static Process serve(Path home, Map<String, String> env, ProcessBuilder.Redirect err) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    // As on a run that makes the launcher's start-up cache: a run that did its work leaves the mark there.
    command.add("-D" + Main.STARTUP_CACHE_MARK + "=" + home.resolve("startup-cache.ok"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.modelgate.adapter.cli.Main", "serve"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err);
    builder.environment().put("MODELGATE_HOME", home.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  @Test
  void serveOnATakenPortExitsNonZeroNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      Path err = home.resolve("stderr.txt");
      Process serve = serve(home, Map.of("MODELGATE_PORT", Integer.toString(port)),
          ProcessBuilder.Redirect.to(err.toFile()));
      try {
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exits when it cannot listen").isTrue();
        String out = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(serve.exitValue()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(err)).contains("cannot listen on port " + port);
        assertThat(out).doesNotContain("listening").doesNotContain("Bootstrap admin key");
        assertThat(home.resolve("startup-cache.ok")).as("a serve that failed trains no start-up cache")
            .doesNotExist();
      } finally {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void serveListensOnModelgateHostOnly() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process serve = serve(home, Map.of("MODELGATE_PORT", Integer.toString(port), "MODELGATE_HOST", "127.0.0.1"),
        ProcessBuilder.Redirect.DISCARD);
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("Modelgate listening on http://127.0.0.1:" + port);
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        assertThat(s.isConnected()).isTrue();
      }
      java.net.InetAddress external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
          .stream().flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
          .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
      if (external != null) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket(external, port).close())
            .as("not listening on %s", external).isInstanceOf(java.net.ConnectException.class);
      }
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void serveListensOnModelgatePortAndPrintsTheBootstrapKeyOnce() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process serve = serve(home, Map.of("MODELGATE_PORT", Integer.toString(port)), ProcessBuilder.Redirect.DISCARD);
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
    assertThat(serve.exitValue()).isZero();
    assertThat(home.resolve("startup-cache.ok")).as("the start-up cache of a serve that served is kept")
        .hasContent("serve");
  }

  @Test
  void jsonLogsGoToStderrAndMetricsToTheManagementPort() throws Exception {
    int port;
    int management;
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
      port = a.getLocalPort();
      management = b.getLocalPort();
    }
    Path err = home.resolve("stderr.json");
    Process serve = serve(home, Map.of("MODELGATE_PORT", Integer.toString(port), "MODELGATE_MANAGEMENT_PORT",
        Integer.toString(management), "MODELGATE_LOG_FORMAT", "json"), ProcessBuilder.Redirect.to(err.toFile()));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("nothing of logback's on stdout").isEqualTo("Modelgate listening on "
          + "http://localhost:" + port);
      assertThat(out.readLine()).isEqualTo("Metrics and health on http://localhost:" + management + "/metrics");
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> metrics = client.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://localhost:" + management + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("modelgate_provider_health");
      java.net.http.HttpResponse<String> main = client.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://localhost:" + port + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(main.statusCode()).isEqualTo(404);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String logged = "";
      while (!logged.contains("\"formattedMessage\":\"GET (unmatched) 404") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        logged = java.nio.file.Files.readString(err);
      }
      List<String> access = logged.lines().filter(l -> l.contains("\"loggerName\":\"modelgate.access\"")).toList();
      assertThat(access).as(logged).anySatisfy(l -> assertThat(l).startsWith("{").endsWith("}")
          .contains("\"formattedMessage\":\"GET (unmatched) 404 ").contains("\"kvpList\"")
          .contains("\"request_id\"").contains("{\"route\":\"(unmatched)\"}"));
      assertThat(logged.lines().filter(l -> !l.isBlank())).as("every line is a JSON object")
          .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
