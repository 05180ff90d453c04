package io.modelgate.adapter.cli;

import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import java.math.BigDecimal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "quota", mixinStandardHelpOptions = true,
    description = "Limits per user, org or gateway key: requests per day and month, tokens and USD per month, "
        + "requests and tokens per minute.",
    footer = {"", "Examples:", "  modelgate quota set user usr_123 --requests-per-day 100 --usd-per-month 25",
        "  modelgate quota show user usr_123 --json"})
final class QuotaCommand extends CommandGroup {
  QuotaCommand(Cli cli) {
    super(cli);
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the limits set for a subject.",
      footer = {"", "Example:", "  modelgate quota show org org_123"})
  int show(@Parameters(index = "0", paramLabel = "<user|org|key>") String kind,
      @Parameters(index = "1", paramLabel = "<id>", description = "A user or org id, or a key prefix.") String id,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    print(cli.backend().quota(new QuotaSubject(QuotaSubject.Kind.parse(kind), id)), json);
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set the limits of a subject; a limit not given is unlimited (so 'set' with none clears all).",
      footer = {"", "Example:", "  modelgate quota set user usr_123 --requests-per-day 100 --rpm 10 --usd-per-month 25"})
  int set(@Parameters(index = "0", paramLabel = "<user|org|key>") String kind,
      @Parameters(index = "1", paramLabel = "<id>", description = "A user or org id, or a key prefix.") String id,
      @Option(names = "--requests-per-day") Long requestsPerDay,
      @Option(names = "--requests-per-month") Long requestsPerMonth,
      @Option(names = "--tokens-per-month") Long tokensPerMonth,
      @Option(names = "--usd-per-month") BigDecimal usdPerMonth,
      @Option(names = "--rpm", description = "Requests per minute.") Long rpm,
      @Option(names = "--tpm", description = "Tokens per minute.") Long tpm,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    QuotaSubject subject = new QuotaSubject(QuotaSubject.Kind.parse(kind), id);
    QuotaLimits limits = new QuotaLimits(requestsPerDay, requestsPerMonth, tokensPerMonth, usdPerMonth, rpm, tpm);
    print(cli.backend().setQuota(subject, limits), json);
    return 0;
  }

  /** The limits as aligned lines, then how much of each is used as a table. */
  private void print(Backend.View quota, boolean json) {
    if (json) {
      Output.one(cli, true, quota);
      return;
    }
    Backend.View limits = new Backend.View(quota);
    Object usage = limits.remove("usage");
    Output.one(cli, false, limits);
    if (usage instanceof java.util.List<?> rows && !rows.isEmpty()) {
      cli.out.println();
      Output.list(cli, false, rows.stream().map(r -> new Backend.View((java.util.Map<String, ?>) r)).toList(), "",
          "LIMIT=limit", "MAX=max", "USED=used", "REMAINING=remaining", "RESETS_AT=resets_at");
    }
  }
}
