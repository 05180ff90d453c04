package io.modelgate.adapter.cli;

import io.modelgate.app.Application;
import io.modelgate.core.error.ModelgateException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;

/**
 * One CLI run: the environment and streams it was given, the object graph (built on first use, so {@code --help}
 * and usage errors need no database), and the picocli command tree.
 */
final class Cli {
  final Map<String, String> env;
  final InputStream in;
  final PrintWriter out;
  final PrintWriter err;
  final boolean terminal;
  private Application application;
  private CliComponent component;

  Cli(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  synchronized Application app() {
    if (application == null) {
      component = DaggerCliComponent.factory().create(env);
      application = component.application().start();
    }
    return application;
  }

  /** Closes the database pool if this run opened it. */
  synchronized void close() {
    if (component != null) {
      component.database().close();
    }
  }

  int execute(String[] args) {
    CommandLine cli = new CommandLine(RootCommand.class, new Factory());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("error: " + message(e));
      err.flush();
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    try {
      return cli.execute(args);
    } finally {
      close();
    }
  }

  static String message(Throwable e) {
    if (e instanceof ModelgateException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      return io.modelgate.core.error.Redaction.redact(String.valueOf(e.getMessage()));
    }
    return io.modelgate.core.error.Redaction.redact(e.toString());
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
