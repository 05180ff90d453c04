package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node script with official client libraries from npm against the running service, for every npm
 * end-to-end test: the packages are installed once into {@code target/npm-<name>}; without npm and node the test
 * is skipped locally but fails when {@code CI=true}.
 */
final class NodeClients {
  private NodeClients() {}

  /** Runs {@code script} with {@code packages} installed; MG_BASE and MG_KEY in its environment. Returns stdout. */
  static String run(String name, List<String> packages, String script, String base, String key) throws Exception {
    return run(name, packages, script, Map.of("MG_BASE", base, "MG_KEY", key));
  }

  /** Runs {@code script} with {@code packages} installed and {@code env} in its environment. Returns stdout. */
  static String run(String name, List<String> packages, String script, Map<String, String> env) throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!(onPath("npm") && onPath("node"))) {
      assertThat(ci).as("npm and node are required when CI=true").isFalse();
      assumeTrue(false, "npm/node not on PATH");
    }
    Path dir = Path.of("target", "npm-" + name).toAbsolutePath();
    Files.createDirectories(dir);
    Path marker = dir.resolve("installed.txt");
    String wanted = String.join(" ", packages);
    if (!Files.exists(marker) || !Files.readString(marker).equals(wanted)) {
      List<String> command = new ArrayList<>(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
          "--prefix", dir.toString()));
      command.addAll(packages);
      exec(dir, command, Map.of());
      Files.writeString(marker, wanted);
    }
    Path file = dir.resolve(name + "-check.js");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Map<String, String> scriptEnv = new HashMap<>(env);
    scriptEnv.put("NODE_PATH", dir.resolve("node_modules").toString());
    return exec(dir, List.of("node", file.toString()), scriptEnv);
  }

  private static String exec(Path dir, List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
    return text;
  }

  private static boolean onPath(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
