package io.modelgate.adapter.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One CLI run in-process, with its exit code and what it printed. */
record CliRun(int exit, String out, String err) {
  static CliRun run(Map<String, String> env, String stdin, String... args) {
    return run(null, env, stdin, args);
  }

  /** A run whose embedded mode uses {@code embedded} (when not null) instead of opening the database itself. */
  static CliRun run(Backend embedded, Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new Cli(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true), false, embedded).execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
