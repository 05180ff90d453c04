package io.modelgate.adapter.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Prints backend views: as JSON with {@code --json}, else as an aligned table or aligned key-value lines. */
final class Output {
  private Output() {}

  /**
   * Prints {@code rows} as JSON, or as a table whose columns are given as {@code "HEADER=key"}; {@code empty} is
   * printed instead of a table with no rows.
   */
  static void list(Cli cli, boolean json, List<Backend.View> rows, String empty, String... columns) {
    if (json) {
      cli.out.println(Json.write(rows));
    } else if (rows.isEmpty()) {
      cli.out.println(empty);
    } else {
      String[] headers = new String[columns.length];
      String[] keys = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        headers[i] = columns[i].substring(0, columns[i].indexOf('='));
        keys[i] = columns[i].substring(columns[i].indexOf('=') + 1);
      }
      Table table = new Table(headers);
      for (Backend.View row : rows) {
        Object[] cells = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
          cells[i] = cell(row.get(keys[i]));
        }
        table.row(cells);
      }
      table.print(cli.out);
    }
    cli.out.flush();
  }

  /** Prints one view as JSON, or as {@code key  value} lines with the values aligned. */
  static void one(Cli cli, boolean json, Backend.View view) {
    if (json) {
      cli.out.println(Json.write(view));
    } else {
      int width = view.keySet().stream().mapToInt(String::length).max().orElse(0);
      view.forEach((k, v) -> cli.out.println(k + " ".repeat(width - k.length() + 2) + cell(v)));
    }
    cli.out.flush();
  }

  /** A table cell: "-" for nothing, lists joined with commas, maps as k=v pairs. */
  static String cell(Object value) {
    return switch (value) {
      case null -> "-";
      case Collection<?> c when c.isEmpty() -> "-";
      case Collection<?> c -> String.join(",", c.stream().map(Output::cell).toList());
      case Map<?, ?> m when m.isEmpty() -> "-";
      case Map<?, ?> m -> String.join(",", m.entrySet().stream().map(e -> e.getKey() + "=" + cell(e.getValue()))
          .toList());
      case java.math.BigDecimal d -> d.stripTrailingZeros().toPlainString();
      case Double d when d == Math.rint(d) && !Double.isInfinite(d) -> Long.toString(d.longValue());
      default -> value.toString();
    };
  }
}
