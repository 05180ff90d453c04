package io.modelgate.persistence;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * Counters in {@code quota_counter}. On H2 and PostgreSQL a reservation is one conditional {@code UPDATE} (after
 * inserting the zero row if it is missing), which the database applies atomically per row. On SQLite, whose money
 * columns are text, it is a read, a check and a write inside a {@code BEGIN IMMEDIATE} transaction, which holds the
 * database's single write lock for its whole length.
 */
final class JdbiQuotaLedger implements QuotaLedger {
  private static final String KEY =
      "subject_kind = :kind AND subject_id = :subject AND window_kind = :window AND period_key = :period";

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiQuotaLedger(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(amount, "'amount' must not be null");
    Objects.requireNonNull(limit, "'limit' must not be null");
    if (dialect == Dialect.SQLITE) {
      return jdbi.inTransaction(h -> {
        Optional<QuotaAmount> current = read(h, key);
        QuotaAmount next = current.orElse(QuotaAmount.ZERO).plus(amount);
        if (!limit.admits(next)) {
          return false;
        }
        write(h, key, next, current.isPresent());
        return true;
      });
    }
    return jdbi.withHandle(h -> {
      if (conditionalAdd(h, key, amount, limit) > 0) {
        return true;
      }
      // Either the limit refused, or the row did not exist when the update ran (another caller may have inserted
      // it since): once the row surely exists, a second conditional add is the answer.
      insertZeroIfAbsent(h, key);
      return conditionalAdd(h, key, amount, limit) > 0;
    });
  }

  @Override
  public void adjust(QuotaCounterKey key, QuotaAmount delta) {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(delta, "'delta' must not be null");
    if (dialect == Dialect.SQLITE) {
      jdbi.useTransaction(h -> adjust(h, key, delta));
    } else {
      jdbi.useHandle(h -> adjust(h, key, delta));
    }
  }

  /** Adds {@code delta} on {@code h}, inside whatever transaction the caller holds. */
  void adjust(Handle h, QuotaCounterKey key, QuotaAmount delta) {
    if (dialect == Dialect.SQLITE) {
      Optional<QuotaAmount> current = read(h, key);
      write(h, key, current.orElse(QuotaAmount.ZERO).plus(delta), current.isPresent());
      return;
    }
    if (conditionalAdd(h, key, delta, QuotaLimit.UNLIMITED) == 0) {
      insertZeroIfAbsent(h, key);
      conditionalAdd(h, key, delta, QuotaLimit.UNLIMITED);
    }
  }

  @Override
  public QuotaAmount read(QuotaCounterKey key) {
    Objects.requireNonNull(key, "'key' must not be null");
    return jdbi.withHandle(h -> read(h, key)).orElse(QuotaAmount.ZERO);
  }

  private static Optional<QuotaAmount> read(Handle h, QuotaCounterKey key) {
    return bindKey(h.createQuery("SELECT requests, tokens, usd FROM quota_counter WHERE " + KEY), key)
        .map((rs, ctx) -> new QuotaAmount(rs.getLong("requests"), rs.getLong("tokens"),
            Objects.requireNonNull(Dialect.money(rs, "usd"))))
        .findOne();
  }

  private int conditionalAdd(Handle h, QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    StringBuilder sql = new StringBuilder("UPDATE quota_counter SET requests = requests + :requests, "
        + "tokens = tokens + :tokens, usd = usd + :usd WHERE " + KEY);
    if (limit.requests() != null) {
      sql.append(" AND requests + :requests <= :max_requests");
    }
    if (limit.tokens() != null) {
      sql.append(" AND tokens + :tokens <= :max_tokens");
    }
    if (limit.usd() != null) {
      sql.append(" AND usd + :usd <= :max_usd");
    }
    Update update = bindKey(h.createUpdate(sql.toString()), key)
        .bind("requests", amount.requests()).bind("tokens", amount.tokens());
    dialect.bindMoney(update, "usd", amount.usd());
    if (limit.requests() != null) {
      update.bind("max_requests", limit.requests().longValue());
    }
    if (limit.tokens() != null) {
      update.bind("max_tokens", limit.tokens().longValue());
    }
    if (limit.usd() != null) {
      dialect.bindMoney(update, "max_usd", limit.usd());
    }
    return update.execute();
  }

  private void insertZeroIfAbsent(Handle h, QuotaCounterKey key) {
    String columns = "(subject_kind, subject_id, window_kind, period_key, requests, tokens, usd)";
    String sql = dialect == Dialect.H2
        ? "INSERT INTO quota_counter " + columns + " SELECT :kind, :subject, :window, :period, 0, 0, 0 "
            + "WHERE NOT EXISTS (SELECT 1 FROM quota_counter WHERE " + KEY + ")"
        : "INSERT INTO quota_counter " + columns + " VALUES (:kind, :subject, :window, :period, 0, 0, 0) "
            + "ON CONFLICT DO NOTHING";
    try {
      bindKey(h.createUpdate(sql), key).execute();
    } catch (RuntimeException e) {
      if (!Dialect.isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  private void write(Handle h, QuotaCounterKey key, QuotaAmount value, boolean exists) {
    String sql = exists
        ? "UPDATE quota_counter SET requests = :requests, tokens = :tokens, usd = :usd WHERE " + KEY
        : "INSERT INTO quota_counter (subject_kind, subject_id, window_kind, period_key, requests, tokens, usd) "
            + "VALUES (:kind, :subject, :window, :period, :requests, :tokens, :usd)";
    Update update = bindKey(h.createUpdate(sql), key)
        .bind("requests", value.requests()).bind("tokens", value.tokens());
    dialect.bindMoney(update, "usd", value.usd());
    update.execute();
  }

  private static <S extends SqlStatement<S>> S bindKey(S s, QuotaCounterKey key) {
    return s.bind("kind", key.subject().kind().name()).bind("subject", key.subject().id())
        .bind("window", key.window().name()).bind("period", key.period());
  }
}
