package io.modelgate.adapter.cli;

import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.Redaction;
import io.modelgate.core.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * One CLI run: the environment and streams it was given, the backend (built on first use, so {@code --help} and
 * usage errors need no database or server), and the picocli command tree.
 */
final class Cli {
  final Map<String, String> env;
  final InputStream in;
  final PrintWriter out;
  final PrintWriter err;
  final boolean terminal;
  /** The server of remote mode ({@code --server}); null for embedded mode. */
  @Nullable String server;
  private final @Nullable Backend embedded;
  private @Nullable Backend backend;
  private volatile boolean served;

  Cli(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
    this(env, in, out, err, terminal, null);
  }

  /** A run whose embedded mode uses {@code embedded}, opened and closed by the caller (many runs, one database). */
  Cli(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean terminal,
      @Nullable Backend embedded) {
    this.embedded = embedded;
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Embedded mode over the configured database, or remote mode with {@code --server}. */
  synchronized Backend backend() {
    if (server == null && embedded != null) {
      return embedded;
    }
    if (backend == null) {
      backend = server == null ? DaggerCliComponent.factory().create(env).backend()
          : new RemoteBackend(server, env.get("MODELGATE_API_KEY"));
    }
    return backend;
  }

  boolean remote() {
    return server != null;
  }

  /** Whether {@code serve} started listening in this run. */
  boolean served() {
    return served;
  }

  void markServed() {
    served = true;
  }

  /** Closes the database pool or HTTP client if this run opened one. */
  synchronized void close() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  /**
   * A secret from a hidden prompt on a terminal, or the first line of standard input when piped; null when none
   * was given. Never from an argument, which would land in the shell's history.
   */
  @Nullable Secret readSecret(String prompt) {
    Console console = System.console();
    String value;
    if (terminal && console != null) {
      char[] typed = console.readPassword("%s", prompt);
      value = typed == null ? null : new String(typed);
    } else {
      value = firstLine();
    }
    return value == null || value.isBlank() ? null : Secret.of(value);
  }

  private @Nullable String firstLine() {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command tree of this run. */
  CommandLine commands() {
    return new CommandLine(RootCommand.class, new Factory());
  }

  int execute(String[] args) {
    try {
      // `serve` alone starts the gateway without the command tree: picocli's classes (Java 5 bytecode) stay out of
      // the AOT cache, and reading every command's annotations was a third of the CPU of a start to ready
      // (~0.7 s of 2.1). Anything else on the line (--port, --help, --server) goes through picocli as before.
      if (args.length == 1 && args[0].equals("serve")) {
        try {
          return new ServeCommand(this).call();
        } catch (Exception e) {
          return failed(e);
        }
      }
      CommandLine cli = commands();
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e));
      return cli.execute(args);
    } finally {
      close();
    }
  }

  /** Reports a command's failure on stderr; the exit code: 2 for bad usage, else 1. */
  private int failed(Exception e) {
    out.flush();
    err.println("error: " + message(e));
    err.flush();
    return e instanceof IllegalArgumentException ? 2 : 1;
  }

  static String message(Throwable e) {
    if (e instanceof ModelgateException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException || e instanceof RemoteBackend.ServerException) {
      return Redaction.redact(String.valueOf(e.getMessage()));
    }
    return Redaction.redact(e.toString());
  }

  /** Creates command objects, handing them this run. */
  private final class Factory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Cli.class) {
          c.setAccessible(true);
          return type.cast(c.newInstance(Cli.this));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
