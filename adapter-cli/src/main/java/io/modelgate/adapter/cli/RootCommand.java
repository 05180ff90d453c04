package io.modelgate.adapter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "modelgate", mixinStandardHelpOptions = true, version = "modelgate 0.1.0-SNAPSHOT",
    description = {"One catalog and one router for every AI model you can reach.",
        "Embedded mode (default) works on the configured database, like 'serve'; with --server every command goes "
            + "through that server's HTTP API, authenticated by MODELGATE_API_KEY.",
        "Exit codes: 0 success, 1 failure, 2 bad usage."},
    subcommands = {ModelsCommand.class, ProvidersCommand.class, ChatCommand.class, AccountCommands.Keys.class,
        AccountCommands.GatewayKeys.class, AccountCommands.Users.class, AccountCommands.Orgs.class,
        AliasesCommand.class, QuotaCommand.class, UsageCommand.class, AuditCommand.class, ServeCommand.class,
        CompletionCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footer = {"", "Examples:", "  modelgate models list", "  modelgate chat -m demo:echo \"Hello\"",
        "  MODELGATE_API_KEY=mg_... modelgate --server http://localhost:8080 models list"})
final class RootCommand implements Runnable {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  RootCommand(Cli cli) {
    this.cli = cli;
  }

  @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "Remote mode: the Modelgate server to use (its key from MODELGATE_API_KEY).")
  void server(String url) {
    if (!(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--server must start with http:// or https://, was '" + url + "'");
    }
    cli.server = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void run() {
    spec.commandLine().usage(cli.out);
  }
}
