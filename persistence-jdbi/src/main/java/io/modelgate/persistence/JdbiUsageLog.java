package io.modelgate.persistence;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * Usage records in {@code usage_record}; {@link #record} writes the row and its quota settlements in one
 * transaction, {@link #recordAll} a whole batch of them. {@code usage_day} holds the record's UTC date so day totals group the same on every database.
 */
final class JdbiUsageLog implements UsageLog {
  private static final String COLUMNS = "at_ms, usage_day, request_id, operation, principal, org_id, gateway_key, "
      + "conversation_id, requested_model, served_model, provider, route, prompt_tokens, completion_tokens, "
      + "cached_tokens, reasoning_tokens, billed_cost_usd, price_input, price_output, price_cached_input, "
      + "price_request, cost_usd, latency_ns, ttft_ns, outcome, error_class";

  /** Positional: a batch of hundreds of rows is bound through plain JDBC, not 26 named Jdbi bindings a row. */
  private static final String INSERT = "INSERT INTO usage_record (" + COLUMNS + ") VALUES ("
      + "?, ".repeat(25) + "?)";
  private static final Comparator<QuotaCounterKey> COUNTER_ORDER = Comparator
      .comparing((QuotaCounterKey k) -> k.subject().kind()).thenComparing(k -> k.subject().id())
      .thenComparing(QuotaCounterKey::window).thenComparing(QuotaCounterKey::period);

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final JdbiQuotaLedger ledger;

  JdbiUsageLog(Jdbi jdbi, Dialect dialect, JdbiQuotaLedger ledger) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.ledger = ledger;
  }

  @Override
  public void record(UsageRecord record, List<QuotaAdjustment> settlements) {
    recordAll(List.of(new Entry(record, settlements)));
  }

  /**
   * Inserts every record in one batch and applies the settlements summed per counter, all in one transaction.
   * Counters are updated in one fixed order, so batches committing at once on several replicas never deadlock.
   */
  @Override
  public void recordAll(List<Entry> entries) {
    List<Entry> checked = List.copyOf(Objects.requireNonNull(entries, "'entries' must not be null"));
    if (checked.isEmpty()) {
      return;
    }
    Map<QuotaCounterKey, QuotaAmount> deltas = new TreeMap<>(COUNTER_ORDER);
    for (Entry entry : checked) {
      for (QuotaAdjustment adjustment : entry.settlements()) {
        deltas.merge(adjustment.key(), adjustment.delta(), QuotaAmount::plus);
      }
    }
    try {
      jdbi.useTransaction(h -> {
        try (PreparedStatement insert = h.getConnection().prepareStatement(INSERT)) {
          for (Entry entry : checked) {
            bind(insert, entry.record());
            insert.addBatch();
          }
          insert.executeBatch();
        }
        for (Map.Entry<QuotaCounterKey, QuotaAmount> delta : deltas.entrySet()) {
          if (!delta.getValue().sameAs(QuotaAmount.ZERO)) {
            ledger.adjust(h, delta.getKey(), delta.getValue());
          }
        }
      });
    } catch (SQLException e) {
      throw new IllegalStateException(checked.size() + " usage record(s) could not be written: " + e.getMessage(), e);
    }
  }

  @Override
  public List<UsageRecord> find(UsageQuery query) {
    Objects.requireNonNull(query, "'query' must not be null");
    return jdbi.withHandle(h -> filter(h.createQuery("SELECT " + COLUMNS + " FROM usage_record" + where(query)
            + " ORDER BY at_ms DESC, id DESC LIMIT :limit"), query)
        .bind("limit", query.limit()).map((rs, ctx) -> read(rs)).list());
  }

  @Override
  public List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
    Objects.requireNonNull(query, "'query' must not be null");
    Objects.requireNonNull(groupBy, "'groupBy' must not be null");
    String key = switch (groupBy) {
      case USER -> "COALESCE(principal, '')";
      case ORG -> "COALESCE(org_id, '')";
      case MODEL -> "COALESCE(served_model, '')";
      case PROVIDER -> "COALESCE(provider, '')";
      case DAY -> "usage_day";
      case CONVERSATION -> "COALESCE(conversation_id, '')";
    };
    String where = where(query);
    List<UsageTotal> totals = jdbi.withHandle(h -> filter(h.createQuery("SELECT " + key + " AS group_key, "
            + "COUNT(*) AS requests, SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion, "
            + "SUM(cached_tokens) AS cached, SUM(reasoning_tokens) AS reasoning, "
            + (dialect == Dialect.SQLITE ? "NULL" : "SUM(cost_usd)") + " AS cost "
            + "FROM usage_record" + where + " GROUP BY " + key), query)
        .map((rs, ctx) -> new UsageTotal(rs.getString("group_key"), rs.getLong("requests"), rs.getLong("prompt"),
            rs.getLong("completion"), rs.getLong("cached"), rs.getLong("reasoning"),
            Objects.requireNonNullElse(Dialect.money(rs, "cost"), BigDecimal.ZERO)))
        .list());
    if (dialect == Dialect.SQLITE) {
      totals = withExactCosts(totals, key, where, query);
    }
    return totals.stream().sorted(Comparator.comparing(UsageTotal::key)).toList();
  }

  /** SQLite keeps money as text and would sum it as binary floats; sum it here instead. */
  private List<UsageTotal> withExactCosts(List<UsageTotal> totals, String key, String where, UsageQuery query) {
    Map<String, BigDecimal> costs = new HashMap<>();
    jdbi.useHandle(h -> filter(h.createQuery("SELECT " + key + " AS group_key, cost_usd FROM usage_record" + where),
            query)
        .map((rs, ctx) -> Map.entry(rs.getString("group_key"),
            Objects.requireNonNull(Dialect.money(rs, "cost_usd"))))
        .forEach(e -> costs.merge(e.getKey(), e.getValue(), BigDecimal::add)));
    List<UsageTotal> exact = new ArrayList<>();
    for (UsageTotal t : totals) {
      exact.add(new UsageTotal(t.key(), t.requests(), t.promptTokens(), t.completionTokens(), t.cachedTokens(),
          t.reasoningTokens(), costs.getOrDefault(t.key(), BigDecimal.ZERO)));
    }
    return exact;
  }

  private static String where(UsageQuery q) {
    List<String> conditions = new ArrayList<>();
    if (q.from() != null) {
      conditions.add("at_ms >= :from");
    }
    if (q.to() != null) {
      conditions.add("at_ms < :to");
    }
    if (q.principal() != null) {
      conditions.add("principal = :principal");
    }
    if (q.orgId() != null) {
      conditions.add("org_id = :org");
    }
    if (q.conversationId() != null) {
      conditions.add("conversation_id = :conversation");
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static <S extends SqlStatement<S>> S filter(S s, UsageQuery q) {
    Map<String, Object> binds = new LinkedHashMap<>();
    if (q.from() != null) {
      binds.put("from", q.from().toEpochMilli());
    }
    if (q.to() != null) {
      binds.put("to", q.to().toEpochMilli());
    }
    if (q.principal() != null) {
      binds.put("principal", q.principal());
    }
    if (q.orgId() != null) {
      binds.put("org", q.orgId());
    }
    if (q.conversationId() != null) {
      binds.put("conversation", q.conversationId());
    }
    return s.bindMap(binds);
  }

  /** Binds {@code r} to {@link #INSERT}'s parameters, in {@link #COLUMNS}' order. */
  private void bind(PreparedStatement s, UsageRecord r) throws SQLException {
    Usage u = r.usage();
    s.setLong(1, r.at().toEpochMilli());
    s.setString(2, r.at().atZone(ZoneOffset.UTC).toLocalDate().toString());
    s.setString(3, r.requestId());
    s.setString(4, r.operation());
    s.setString(5, r.principal());
    s.setString(6, r.orgId());
    s.setString(7, r.gatewayKey());
    s.setString(8, r.conversationId());
    s.setString(9, r.requestedModel());
    s.setString(10, r.servedModel());
    s.setString(11, r.provider());
    s.setString(12, r.route());
    s.setLong(13, u.promptTokens());
    s.setLong(14, u.completionTokens());
    s.setLong(15, u.cachedTokens());
    s.setLong(16, u.reasoningTokens());
    money(s, 17, u.billedCostUsd());
    money(s, 18, r.price() == null ? null : r.price().inputPerMillion());
    money(s, 19, r.price() == null ? null : r.price().outputPerMillion());
    money(s, 20, r.price() == null ? null : r.price().cachedInputPerMillion());
    money(s, 21, r.price() == null ? null : r.price().perRequest());
    money(s, 22, r.costUsd());
    s.setLong(23, r.latency().toNanos());
    if (r.timeToFirstToken() == null) {
      s.setNull(24, Types.BIGINT);
    } else {
      s.setLong(24, r.timeToFirstToken().toNanos());
    }
    s.setString(25, r.outcome().name());
    s.setString(26, r.errorClass());
  }

  private void money(PreparedStatement s, int index, @Nullable BigDecimal value) throws SQLException {
    if (value == null) {
      s.setNull(index, dialect == Dialect.SQLITE ? Types.VARCHAR : Types.NUMERIC);
    } else {
      dialect.setMoney(s, index, value);
    }
  }

  private static UsageRecord read(ResultSet rs) throws SQLException {
    Long ttft = Rows.longValue(rs, "ttft_ns");
    return new UsageRecord(
        Instant.ofEpochMilli(rs.getLong("at_ms")),
        rs.getString("request_id"),
        rs.getString("operation"),
        rs.getString("principal"),
        rs.getString("org_id"),
        rs.getString("gateway_key"),
        rs.getString("conversation_id"),
        rs.getString("requested_model"),
        rs.getString("served_model"),
        rs.getString("provider"),
        rs.getString("route"),
        new Usage(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("cached_tokens"),
            rs.getLong("reasoning_tokens"), Dialect.money(rs, "billed_cost_usd")),
        JdbiCatalogStore.readPricing(rs, "price_input", "price_output", "price_cached_input", "price_request"),
        Objects.requireNonNull(Dialect.money(rs, "cost_usd")),
        Duration.ofNanos(rs.getLong("latency_ns")),
        ttft == null ? null : Duration.ofNanos(ttft),
        UsageOutcome.valueOf(rs.getString("outcome")),
        rs.getString("error_class"));
  }
}
