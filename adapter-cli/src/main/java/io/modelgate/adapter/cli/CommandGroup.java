package io.modelgate.adapter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only holds subcommands: run alone, it prints its usage. */
abstract class CommandGroup implements Runnable {
  final Cli cli;

  @Spec
  CommandSpec spec;

  CommandGroup(Cli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(cli.out);
  }
}
