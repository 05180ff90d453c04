package io.modelgate.adapter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit log: who changed what (providers, models, aliases, accounts, keys), newest first.",
    footer = {"", "Example:", "  modelgate audit list --limit 20"})
final class AuditCommand extends CommandGroup {
  AuditCommand(Cli cli) {
    super(cli);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest audit events.",
      footer = {"", "Example:", "  modelgate audit list --limit 20 --json"})
  int list(@Option(names = "--limit", defaultValue = "50", description = "How many (1-10000, default 50).")
      int limit,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("--limit must be between 1 and 10000, was " + limit);
    }
    Output.list(cli, json, cli.backend().audit(limit), "no audit events", "AT=at", "ACTOR=actor",
        "ACTION=action", "TARGET=target");
    return 0;
  }
}
