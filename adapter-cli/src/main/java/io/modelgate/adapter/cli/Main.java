package io.modelgate.adapter.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code ./modelgate <command>}: runs one command and exits 0 on success, 1 on failure, 2 on bad usage. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), onTerminal()));
  }

  /** Whether standard input and output are a terminal (on JDK 22+, a console may exist for pipes too). */
  private static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Runs the CLI with the given environment and streams; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err,
      boolean terminal) {
    Cli cli = new Cli(env, in, out, err, terminal);
    return cli.execute(args);
  }
}
