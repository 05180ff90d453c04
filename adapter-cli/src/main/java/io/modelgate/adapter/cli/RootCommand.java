package io.modelgate.adapter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "modelgate", mixinStandardHelpOptions = true, version = "modelgate 0.1.0-SNAPSHOT",
    description = "One catalog and one router for every AI model you can reach.",
    subcommands = {ModelsCommand.class, ChatCommand.class, picocli.CommandLine.HelpCommand.class},
    footer = {"", "Examples:", "  modelgate models list", "  modelgate chat -m demo:echo \"Hello\""})
final class RootCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
