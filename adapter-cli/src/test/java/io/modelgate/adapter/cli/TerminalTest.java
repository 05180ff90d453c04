package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a real terminal: a tmux pane (rendered screen) fed through {@code script} (the raw bytes the CLI
 * wrote to its pseudo-terminal). Chat must appear while it streams; discovery's progress line must be overwritten
 * in place ({@code \r} and erase-line), leaving only one line per provider on the screen.
 */
class TerminalTest {
  private static final String DONE = "__TERMINAL_TEST_DONE__";
  private static final int WORDS = 150;

  @TempDir
  Path dir;

  private final String socket = "modelgate-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private boolean tmuxStarted;

  @AfterEach
  void stopTmux() throws Exception {
    if (tmuxStarted) {
      exec("tmux", "-L", socket, "kill-server");
    }
  }

  private static Optional<Path> onPath(String program) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A shell script that runs the CLI's main class from this test's class path, as ./modelgate would. */
  private Path script(String... cliArgs) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.modelgate.adapter.cli.Main"));
    command.addAll(List.of(cliArgs));
    Path file = dir.resolve("run-" + System.nanoTime() + ".sh");
    Files.writeString(file, "export MODELGATE_HOME=" + quote(dir.resolve("home").toString()) + "\n"
        + command.stream().map(TerminalTest::quote).collect(Collectors.joining(" ")) + "\n");
    return file;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Runs {@code cli} on a terminal; {@code watch} sees the rendered screen (tmux) or the raw output (script only)
   * every few milliseconds while it runs. Returns the raw bytes written to the terminal.
   */
  private String onTerminal(java.util.function.Consumer<String> watch, String... cli) throws Exception {
    return onTerminal(watch, null, cli);
  }

  /**
   * As above; when the screen first contains {@code prompt[0]}, {@code prompt[1]} is typed into the pane, followed
   * by Enter (tmux only: the test is skipped without it).
   */
  private String onTerminal(java.util.function.Consumer<String> watch, String[] prompt, String... cli)
      throws Exception {
    Optional<Path> script = onPath("script");
    Assumptions.assumeTrue(script.isPresent(), "neither tmux nor script (util-linux) is installed");
    Path raw = dir.resolve("raw-" + System.nanoTime() + ".log");
    String inner = "script -qfec " + quote("sh " + quote(script(cli).toString())) + " " + quote(raw.toString());
    if (onPath("tmux").isPresent()) {
      tmuxStarted = true;
      exec("tmux", "-L", socket, "new-session", "-d", "-x", "160", "-y", "60", "-s", "t",
          "sh -c " + quote(inner + "; echo " + DONE + "; sleep 120"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      String screen = "";
      boolean typed = prompt == null;
      while (!screen.contains(DONE) && System.nanoTime() < deadline) {
        screen = exec("tmux", "-L", socket, "capture-pane", "-p", "-J", "-t", "t");
        watch.accept(screen);
        if (!typed && screen.contains(prompt[0])) {
          exec("tmux", "-L", socket, "send-keys", "-t", "t", "-l", prompt[1]);
          exec("tmux", "-L", socket, "send-keys", "-t", "t", "Enter");
          typed = true;
        }
      }
      assertThat(screen).as("the run finished on the terminal").contains(DONE);
      exec("tmux", "-L", socket, "kill-server");
      tmuxStarted = false;
    } else {
      Assumptions.assumeTrue(prompt == null, "typing at a prompt needs tmux");
      Process p = new ProcessBuilder("sh", "-c", inner).redirectErrorStream(true).start();
      while (p.isAlive()) {
        watch.accept(Files.exists(raw) ? Files.readString(raw, StandardCharsets.UTF_8) : "");
        Thread.sleep(20);
      }
      assertThat(p.exitValue()).isZero();
    }
    return Files.readString(raw, StandardCharsets.UTF_8);
  }

  private static String exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  @Test
  void chatRendersAsItStreams() throws Exception {
    String prompt = IntStream.rangeClosed(1, WORDS).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    String reply = "Echo: " + prompt;
    boolean[] partial = {false};
    String raw = onTerminal(screen -> {
      String flat = screen.replace("\n", "");
      if (flat.contains("Echo: w1 ") && !flat.contains("w" + WORDS)) {
        partial[0] = true;
      }
    }, "chat", "-m", "demo:echo", prompt);
    assertThat(partial[0]).as("part of the reply was on screen before the rest arrived").isTrue();
    assertThat(raw.replace("\r", "").replace("\n", "")).contains(reply);
  }

  @Test
  void discoveryProgressIsOverwrittenInPlace() throws Exception {
    StringBuilder last = new StringBuilder();
    String raw = onTerminal(screen -> last.replace(0, last.length(), screen), "models", "discover", "--force");
    assertThat(raw).contains("discovering…").contains("\r\033[K").contains("demo: listed 3");
    String rendered = onPath("tmux").isPresent() ? last.toString() : render(raw);
    assertThat(rendered).contains("demo: listed 3").doesNotContain("discovering");
  }

  @Test
  void aProvidersKeyIsTypedAtAHiddenPrompt() throws Exception {
    Assumptions.assumeTrue(onPath("tmux").isPresent(), "typing at a prompt needs tmux");
    String key = "sk-typed-" + System.nanoTime();
    StringBuilder last = new StringBuilder();
    String raw = onTerminal(screen -> last.replace(0, last.length(), screen),
        new String[] {"API key for typed-box", key}, "providers", "add", "typed-box", "--kind", "openai-compatible",
        "--base-url", "http://127.0.0.1:9/v1", "--json");
    assertThat(last.toString()).contains("API key for typed-box").contains("\"has_key\": true")
        .doesNotContain(key);
    assertThat(raw).doesNotContain(key);
  }

  /** What a terminal shows for {@code raw}: a carriage return goes back to the line's start, ESC[K erases the rest. */
  static String render(String raw) {
    StringBuilder screen = new StringBuilder();
    for (String line : raw.split("\n", -1)) {
      StringBuilder current = new StringBuilder();
      int cursor = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\r') {
          cursor = 0;
        } else if (c == '\033' && line.startsWith("[K", i + 1)) {
          current.setLength(cursor);
          i += 2;
        } else {
          if (cursor < current.length()) {
            current.setCharAt(cursor, c);
          } else {
            current.append(c);
          }
          cursor++;
        }
      }
      screen.append(current).append('\n');
    }
    return screen.toString();
  }
}
