package io.modelgate.adapter.cli;

import io.modelgate.core.usage.UsageGroupBy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "usage", mixinStandardHelpOptions = true, description = "Usage and cost reports.",
    footer = {"", "Example:", "  modelgate usage report --by model --since 2026-11-01 --csv > usage.csv"})
final class UsageCommand extends CommandGroup {
  private static final List<String> COLUMNS = List.of("key", "requests", "prompt_tokens", "completion_tokens",
      "cached_tokens", "reasoning_tokens", "cost_usd");

  UsageCommand(Cli cli) {
    super(cli);
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Requests, tokens and cost grouped by user, org, model, provider or day, over [since, until]; "
          + "dates are UTC days, both included.",
      footer = {"", "Examples:", "  modelgate usage report --by provider",
          "  modelgate usage report --by day --since 2026-11-01 --until 2026-11-30 --json"})
  int report(@Option(names = "--by", defaultValue = "model", description = "user, org, model, provider or day "
          + "(default: model).") String by,
      @Option(names = "--since", description = "First day (2026-11-01) or instant (2026-11-01T08:00:00Z).")
      String since,
      @Option(names = "--until", description = "Last day, included, or an instant, excluded.") String until,
      @Option(names = "--csv", description = "Print CSV.") boolean csv,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    if (csv && json) {
      throw new IllegalArgumentException("give --csv or --json, not both");
    }
    UsageGroupBy groupBy = UsageGroupBy.parse(by);
    if (groupBy == UsageGroupBy.CONVERSATION) {
      throw new IllegalArgumentException("--by: expected user, org, model, provider or day");
    }
    Instant from = since == null ? null : instant(since, "--since", false);
    Instant to = until == null ? null : instant(until, "--until", true);
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--until is before --since");
    }
    List<Backend.View> rows = cli.backend().usage(groupBy, from, to);
    if (csv) {
      cli.out.println(groupBy.wireName() + "," + String.join(",", COLUMNS.subList(1, COLUMNS.size())));
      for (Backend.View row : rows) {
        cli.out.println(COLUMNS.stream().map(c -> csvCell(row.get(c))).collect(Collectors.joining(",")));
      }
      cli.out.flush();
      return 0;
    }
    Output.list(cli, json, rows, "no usage in this range", groupBy.wireName().toUpperCase(java.util.Locale.ROOT)
        + "=key", "REQUESTS=requests", "PROMPT=prompt_tokens", "COMPLETION=completion_tokens",
        "CACHED=cached_tokens", "REASONING=reasoning_tokens", "COST_USD=cost_usd");
    return 0;
  }

  /** A day (its start, or with {@code endOfDay} the next day's start) or an ISO instant. */
  static Instant instant(String text, String option, boolean endOfDay) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": expected a day (2026-11-01) or an instant "
          + "(2026-11-01T08:00:00Z), was '" + text + "'");
    }
  }

  private static String csvCell(Object value) {
    String text = value == null ? "" : Output.cell(value);
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
