package io.modelgate.adapter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code ./modelgate <command>}: runs one command and exits 0 on success, 1 on failure, 2 on bad usage. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Cli cli = new Cli(System.getenv(), System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), onTerminal());
    int exit = cli.execute(args);
    markStartupCache(System.getProperty(STARTUP_CACHE_MARK), exit, cli.served());
    System.exit(exit);
  }

  /** The file in which a run that makes the launcher's start-up cache says that it did its work. */
  static final String STARTUP_CACHE_MARK = "modelgate.startupCache.mark";

  /**
   * On a run that makes the launcher's start-up cache (which the JVM writes at its exit, whatever the run did): a run
   * that exits 0 writes to {@code file} which cache it trained, {@code serve} when it served, else {@code cli}, and
   * the launcher keeps the cache only if that is the kind it asked for. A run that failed writes nothing: its cache
   * would hold only what a failure loads (a serve that could not listen made a cache that started the next serves
   * with a third more CPU).
   */
  static void markStartupCache(@Nullable String file, int exit, boolean served) {
    if (file == null || exit != 0) {
      return;
    }
    try {
      Files.writeString(Path.of(file), served ? "serve" : "cli");
    } catch (IOException | RuntimeException e) {
      // No mark: the launcher makes the cache again on the next run.
    }
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
