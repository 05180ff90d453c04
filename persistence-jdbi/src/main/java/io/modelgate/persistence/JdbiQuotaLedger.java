package io.modelgate.persistence;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.persistence.CounterBatches.Op;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Counters in {@code quota_counter}. Calls on one counter that arrive together are applied together
 * ({@link CounterBatches}): on H2 and PostgreSQL a batch is one conditional {@code UPDATE} of the counter's row by
 * the batch's sum, which the database applies atomically to the row (on PostgreSQL it also returns the row, which
 * answers the batch's reads); when that sum does not fit the tightest limit in the batch, or the row is missing,
 * the batch is applied call by call, in order, to the row read under a row lock in one transaction, so each
 * reservation is granted exactly when it would have been on its own. On SQLite, whose money columns are text, every
 * batch goes that way, inside a {@code BEGIN IMMEDIATE} transaction that holds the database's single write lock.
 *
 * <p>Every call of every request with a limit comes here, so the statements are plain JDBC on a pooled connection:
 * through Jdbi, building each statement's context cost several times what the driver does (measured with JFR).
 */
final class JdbiQuotaLedger implements QuotaLedger {
  private static final String KEY =
      "subject_kind = ? AND subject_id = ? AND window_kind = ? AND period_key = ?";
  private static final String VALUE = "requests, tokens, usd";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final CounterBatches batches = new CounterBatches(this::apply);

  JdbiQuotaLedger(DataSource dataSource, Dialect dialect) {
    this.dataSource = Objects.requireNonNull(dataSource, "'dataSource' must not be null");
    this.dialect = Objects.requireNonNull(dialect, "'dialect' must not be null");
  }

  @Override
  public boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    return batches.run(Op.reserve(key, amount, limit)).granted;
  }

  @Override
  public void adjust(QuotaCounterKey key, QuotaAmount delta) {
    batches.run(Op.adjust(key, delta));
  }

  @Override
  public QuotaAmount read(QuotaCounterKey key) {
    return batches.run(Op.read(key)).value;
  }

  /** Adds {@code delta} on {@code h}'s connection, inside whatever transaction the caller holds. */
  void adjust(Handle h, QuotaCounterKey key, QuotaAmount delta) {
    Connection c = h.getConnection();
    try {
      if (dialect == Dialect.SQLITE) {
        Optional<QuotaAmount> current = read(c, key, false);
        write(c, key, current.orElse(QuotaAmount.ZERO).plus(delta), current.isPresent());
      } else if (add(c, key, delta, QuotaLimit.UNLIMITED).isEmpty()) {
        insertZeroIfAbsent(c, key);
        add(c, key, delta, QuotaLimit.UNLIMITED);
      }
    } catch (SQLException e) {
      throw failed(key, e);
    }
  }

  /** Applies one counter's batch and answers each of its calls. */
  private void apply(QuotaCounterKey key, List<Op> ops) {
    try (Connection c = dataSource.getConnection()) {
      if (dialect == Dialect.SQLITE) {
        inTransaction(c, () -> applyInOrder(c, key, ops, true));
      } else if (!applyAtOnce(c, key, ops) && !inTransaction(c, () -> applyInOrder(c, key, ops, false))) {
        insertZeroIfAbsent(c, key);
        inTransaction(c, () -> applyInOrder(c, key, ops, false));
      }
    } catch (SQLException e) {
      throw failed(key, e);
    }
  }

  /**
   * Applies the batch with one statement when it can: its reservations add nothing negative, and the sum of all its
   * calls fits the tightest of their limits (then each fits, whatever their order). Returns false, having changed
   * nothing, when it cannot.
   */
  private boolean applyAtOnce(Connection c, QuotaCounterKey key, List<Op> ops) throws SQLException {
    QuotaAmount sum = QuotaAmount.ZERO;
    boolean changes = false;
    boolean reads = false;
    @Nullable Long maxRequests = null;
    @Nullable Long maxTokens = null;
    @Nullable BigDecimal maxUsd = null;
    for (Op op : ops) {
      switch (op.kind) {
        case READ -> reads = true;
        case ADJUST -> {
          sum = sum.plus(op.amount);
          changes = true;
        }
        case RESERVE -> {
          if (op.amount.requests() < 0 || op.amount.tokens() < 0 || op.amount.usd().signum() < 0) {
            return false;
          }
          sum = sum.plus(op.amount);
          changes = true;
          maxRequests = tighter(maxRequests, op.limit.requests());
          maxTokens = tighter(maxTokens, op.limit.tokens());
          maxUsd = op.limit.usd() == null || maxUsd != null && maxUsd.compareTo(op.limit.usd()) <= 0 ? maxUsd
              : op.limit.usd();
        }
      }
    }
    Optional<QuotaAmount> after;
    if (!changes) {
      after = Optional.of(read(c, key, false).orElse(QuotaAmount.ZERO));
    } else {
      after = add(c, key, sum, new QuotaLimit(maxRequests, maxTokens, maxUsd));
      if (after.isPresent() && reads && dialect != Dialect.POSTGRES) {
        after = Optional.of(read(c, key, false).orElse(QuotaAmount.ZERO));
      }
    }
    if (after.isEmpty()) {
      return false;
    }
    for (Op op : ops) {
      op.granted = true;
      op.value = after.get();
    }
    return true;
  }

  private static @Nullable Long tighter(@Nullable Long a, @Nullable Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
  }

  /**
   * Applies the batch call by call, in order, to the row read under a row lock, and writes the row once. Returns
   * false, having changed and answered nothing, when the row is missing, the batch would change it, and
   * {@code mayInsert} is false (on PostgreSQL an insert that meets another replica's would end the transaction).
   */
  private boolean applyInOrder(Connection c, QuotaCounterKey key, List<Op> ops, boolean mayInsert)
      throws SQLException {
    Optional<QuotaAmount> current = read(c, key, dialect != Dialect.SQLITE);
    QuotaAmount before = current.orElse(QuotaAmount.ZERO);
    QuotaAmount value = before;
    boolean[] granted = new boolean[ops.size()];
    QuotaAmount[] seen = new QuotaAmount[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      switch (op.kind) {
        case READ -> seen[i] = value;
        case ADJUST -> value = value.plus(op.amount);
        case RESERVE -> {
          QuotaAmount next = value.plus(op.amount);
          granted[i] = op.limit.admits(next);
          if (granted[i]) {
            value = next;
          }
        }
      }
    }
    if (!value.sameAs(before)) {
      if (current.isEmpty() && !mayInsert) {
        return false;
      }
      write(c, key, value, current.isPresent());
    }
    for (int i = 0; i < ops.size(); i++) {
      ops.get(i).granted = granted[i];
      if (seen[i] != null) {
        ops.get(i).value = seen[i];
      }
    }
    return true;
  }

  /** A unit of work on a connection that returns whether it was done. */
  private interface Work {
    boolean run() throws SQLException;
  }

  /** Runs {@code work} in a transaction on {@code c}: committed whatever it returns, rolled back if it throws. */
  private static boolean inTransaction(Connection c, Work work) throws SQLException {
    c.setAutoCommit(false);
    try {
      boolean done = work.run();
      c.commit();
      return done;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The counter's row, locked until the transaction ends when {@code forUpdate}; empty if there is none. */
  private static Optional<QuotaAmount> read(Connection c, QuotaCounterKey key, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + VALUE + " FROM quota_counter WHERE " + KEY
        + (forUpdate ? " FOR UPDATE" : ""))) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(amount(rs)) : Optional.empty();
      }
    }
  }

  private static QuotaAmount amount(ResultSet rs) throws SQLException {
    return new QuotaAmount(rs.getLong("requests"), rs.getLong("tokens"),
        Objects.requireNonNull(Dialect.money(rs, "usd")));
  }

  /**
   * Adds {@code amount} to the row if it exists and the sums stay within {@code limit}: the row as it is after (on
   * PostgreSQL, which returns it with the update; zero elsewhere), or empty if nothing changed.
   */
  private Optional<QuotaAmount> add(Connection c, QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE quota_counter SET requests = requests + ?, tokens = tokens + ?, "
        + "usd = usd + ? WHERE " + KEY);
    if (limit.requests() != null) {
      sql.append(" AND requests + ? <= ?");
    }
    if (limit.tokens() != null) {
      sql.append(" AND tokens + ? <= ?");
    }
    if (limit.usd() != null) {
      sql.append(" AND usd + ? <= ?");
    }
    boolean returning = dialect == Dialect.POSTGRES;
    if (returning) {
      sql.append(" RETURNING " + VALUE);
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = bindAmount(ps, 1, amount);
      i = bindKey(ps, i, key);
      if (limit.requests() != null) {
        ps.setLong(i++, amount.requests());
        ps.setLong(i++, limit.requests());
      }
      if (limit.tokens() != null) {
        ps.setLong(i++, amount.tokens());
        ps.setLong(i++, limit.tokens());
      }
      if (limit.usd() != null) {
        dialect.setMoney(ps, i++, amount.usd());
        dialect.setMoney(ps, i, limit.usd());
      }
      if (returning) {
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(amount(rs)) : Optional.empty();
        }
      }
      return ps.executeUpdate() > 0 ? Optional.of(QuotaAmount.ZERO) : Optional.empty();
    }
  }

  private void insertZeroIfAbsent(Connection c, QuotaCounterKey key) throws SQLException {
    String columns = "(subject_kind, subject_id, window_kind, period_key, " + VALUE + ")";
    String sql = dialect == Dialect.H2
        ? "INSERT INTO quota_counter " + columns + " SELECT ?, ?, ?, ?, 0, 0, 0 "
            + "WHERE NOT EXISTS (SELECT 1 FROM quota_counter WHERE " + KEY + ")"
        : "INSERT INTO quota_counter " + columns + " VALUES (?, ?, ?, ?, 0, 0, 0) ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindKey(ps, 1, key);
      if (dialect == Dialect.H2) {
        bindKey(ps, i, key);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!Dialect.isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  /** Sets the row to {@code value}: an update if it {@code exists}, else an insert. */
  private void write(Connection c, QuotaCounterKey key, QuotaAmount value, boolean exists) throws SQLException {
    String sql = exists
        ? "UPDATE quota_counter SET requests = ?, tokens = ?, usd = ? WHERE " + KEY
        : "INSERT INTO quota_counter (" + VALUE + ", subject_kind, subject_id, window_kind, period_key) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, bindAmount(ps, 1, value), key);
      ps.executeUpdate();
    }
  }

  /** Binds requests, tokens and USD from {@code index}; returns the next index. */
  private int bindAmount(PreparedStatement ps, int index, QuotaAmount amount) throws SQLException {
    ps.setLong(index, amount.requests());
    ps.setLong(index + 1, amount.tokens());
    dialect.setMoney(ps, index + 2, amount.usd());
    return index + 3;
  }

  /** Binds the counter's key columns from {@code index}; returns the next index. */
  private static int bindKey(PreparedStatement ps, int index, QuotaCounterKey key) throws SQLException {
    ps.setString(index, key.subject().kind().name());
    ps.setString(index + 1, key.subject().id());
    ps.setString(index + 2, key.window().name());
    ps.setString(index + 3, key.period());
    return index + 4;
  }

  private static IllegalStateException failed(QuotaCounterKey key, SQLException e) {
    return new IllegalStateException("quota counter " + key + " could not be read or written: " + e.getMessage(), e);
  }
}
