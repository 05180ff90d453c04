package io.modelgate.adapter.http;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.usage.BilledVsEstimated;
import io.modelgate.core.usage.ConversationReport;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageReports;
import io.modelgate.core.usage.UsageTotal;
import io.modelgate.wire.AdminWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Usage reports over the usage log, in JSON or — with {@code Accept: text/csv} or {@code ?format=csv} — CSV:
 * totals by user, org, model, provider, day or conversation; one conversation's models, cost and calls; and what
 * providers billed beside our estimate. Admins see everyone's; any caller sees their own.
 */
@Singleton
final class UsageApi {
  private static final String ADMIN_TAG = "admin: usage, aliases, audit";
  private static final String USER_TAG = "user";
  private static final int TOTALS_LIMIT = 1_000_000;
  private static final int CALLS_LIMIT = 10_000;

  private final UsageReports reports;

  @Inject
  UsageApi(UsageReports reports) {
    this.reports = reports;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/api/admin/usage", admin, ADMIN_TAG,
            "Usage totals; ?group_by=user|org|model|provider|day|conversation&from=&to=&user=&org=; "
                + "CSV with Accept: text/csv or ?format=csv", call -> totals(call, false)),
        new Endpoint(Method.GET, "/api/admin/usage/billed", admin, ADMIN_TAG,
            "What providers billed (OpenRouter's usage.cost) beside our estimate; ?group_by=&from=&to=",
            this::billed),
        new Endpoint(Method.GET, "/api/admin/usage/conversations/{id}", admin, ADMIN_TAG,
            "One conversation: the models it used, what each cost, and its calls; ?from=&to=",
            call -> conversation(call, false)),
        new Endpoint(Method.GET, "/api/users/me/usage", user, USER_TAG,
            "The caller's own usage totals; ?group_by=model|provider|day|conversation&from=&to=",
            call -> totals(call, true)),
        new Endpoint(Method.GET, "/api/users/me/usage/conversations/{id}", user, USER_TAG,
            "One of the caller's conversations: its models, cost and calls (the caller's own calls only)",
            call -> conversation(call, true)));
  }

  private void totals(Call call, boolean own) {
    UsageGroupBy groupBy = Fields.checked(() -> UsageGroupBy.parse(call.query("group_by").orElse("model")));
    UsageQuery query = query(call, own, TOTALS_LIMIT);
    List<UsageTotal> totals = reports.totals(query, groupBy);
    if (wantsCsv(call)) {
      Csv csv = new Csv(groupBy.wireName(), "requests", "prompt_tokens", "completion_tokens", "cached_tokens",
          "reasoning_tokens", "cost_usd");
      for (UsageTotal t : totals) {
        csv.row(t.key(), t.requests(), t.promptTokens(), t.completionTokens(), t.cachedTokens(), t.reasoningTokens(),
            t.costUsd());
      }
      sendCsv(call, "usage-by-" + groupBy.wireName(), csv);
      return;
    }
    call.json(200, new AdminWire.Usage(groupBy.wireName(), query.from(), query.to(),
        totals.stream().map(AdminWire::total).toList()));
  }

  private void billed(Call call) {
    UsageGroupBy groupBy = Fields.checked(() -> UsageGroupBy.parse(call.query("group_by").orElse("provider")));
    UsageQuery query = query(call, false, TOTALS_LIMIT);
    List<BilledVsEstimated> report = reports.billedVsEstimated(query, groupBy);
    if (wantsCsv(call)) {
      Csv csv = new Csv(groupBy.wireName(), "requests", "billed_requests", "estimated_usd", "billed_usd",
          "difference_usd", "complete");
      for (BilledVsEstimated b : report) {
        csv.row(b.key(), b.requests(), b.billedRequests(), b.estimatedUsd(), b.billedUsd(), b.differenceUsd(),
            b.complete());
      }
      sendCsv(call, "billed-by-" + groupBy.wireName(), csv);
      return;
    }
    call.json(200, new AdminWire.Billed(groupBy.wireName(), query.from(), query.to(),
        report.stream().map(AdminWire::billed).toList()));
  }

  private void conversation(Call call, boolean own) {
    String id = call.path("id");
    ConversationReport report = reports.conversation(id, query(call, own, CALLS_LIMIT));
    if (report.requests() == 0) {
      throw new ModelNotFoundException("no usage recorded for conversation '" + id + "'"
          + (own ? " under your account" : ""));
    }
    if (wantsCsv(call)) {
      Csv csv = new Csv("at", "request_id", "operation", "user", "requested_model", "served_model", "provider",
          "prompt_tokens", "completion_tokens", "cached_tokens", "reasoning_tokens", "cost_usd", "billed_cost_usd",
          "outcome");
      for (UsageRecord r : report.calls()) {
        csv.row(r.at(), r.requestId(), r.operation(), r.principal(), r.requestedModel(), r.servedModel(),
            r.provider(), r.usage().promptTokens(), r.usage().completionTokens(), r.usage().cachedTokens(),
            r.usage().reasoningTokens(), r.costUsd(), r.usage().billedCostUsd(), r.outcome().wireName());
      }
      sendCsv(call, "conversation", csv);
      return;
    }
    UsageRecord latest = report.calls().isEmpty() ? null : report.calls().getLast();
    call.json(200, new AdminWire.Conversation(report.conversationId(), report.requests(), report.costUsd(),
        report.byModel().stream().map(AdminWire::total).toList(),
        report.calls().stream().map(AdminWire::call).toList(), report.complete(),
        latest == null ? null : latest.provider(), latest == null ? null : latest.servedModel(),
        report.costUsd()));
  }

  /** The range and filters of the request; a caller's own report is always narrowed to them. */
  private static UsageQuery query(Call call, boolean own, int limit) {
    Instant from = Params.instant(call.query("from").orElse(null), "from", false);
    Instant to = Params.instant(call.query("to").orElse(null), "to", true);
    String user = own ? call.principal() : call.query("user").orElse(null);
    String org = own ? null : call.query("org").orElse(null);
    return Fields.checked(() -> new UsageQuery(from, to, user, org, null, limit));
  }

  private static boolean wantsCsv(Call call) {
    String format = call.query("format").orElse(null);
    if (format != null) {
      if (!format.equals("csv") && !format.equals("json")) {
        throw new InvalidRequestException("'format' must be csv or json, was '" + format + "'", "format");
      }
      return format.equals("csv");
    }
    return call.header("Accept").map(a -> a.contains("text/csv")).orElse(false);
  }

  private static void sendCsv(Call call, String name, Csv csv) {
    call.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    call.send(200, "text/csv; charset=utf-8", csv.text().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * RFC 4180 text: a header row, then one row per value list, CRLF line ends. A text cell that a spreadsheet would
   * take for a formula ({@code =}, {@code +}, {@code -}, {@code @} first) is prefixed with {@code '}.
   */
  static final class Csv {
    private final StringBuilder out = new StringBuilder();

    Csv(String... header) {
      row((Object[]) header);
    }

    void row(@Nullable Object... cells) {
      List<String> values = new ArrayList<>(cells.length);
      for (Object cell : cells) {
        values.add(cell(cell));
      }
      out.append(String.join(",", values)).append("\r\n");
    }

    String text() {
      return out.toString();
    }

    private static String cell(@Nullable Object value) {
      String text = switch (value) {
        case null -> "";
        case BigDecimal d -> d.toPlainString();
        case Number n -> n.toString();
        case Boolean b -> b.toString();
        default -> {
          String s = value.toString();
          yield !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        }
      };
      if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
          || text.indexOf('\r') >= 0) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
      }
      return text;
    }
  }
}
