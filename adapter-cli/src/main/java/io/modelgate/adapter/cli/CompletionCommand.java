package io.modelgate.adapter.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a shell completion script (bash; zsh loads it through bashcompinit).",
    footer = {"", "Example:", "  source <(modelgate completion bash)"})
final class CompletionCommand implements Runnable {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "<shell>", defaultValue = "bash", description = "bash (default) or zsh.")
  String shell;

  CompletionCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new IllegalArgumentException("unknown shell '" + shell + "'; expected bash or zsh");
    }
    cli.out.print(AutoComplete.bash("modelgate", spec.root().commandLine()));
    cli.out.flush();
  }
}
