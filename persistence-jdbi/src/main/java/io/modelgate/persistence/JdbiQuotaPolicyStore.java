package io.modelgate.persistence;

import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaPolicy;
import io.modelgate.core.quota.QuotaSubject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Limits in {@code quota_limit}, one row per subject; read on every call, so a change applies on every replica. */
final class JdbiQuotaPolicyStore implements QuotaPolicyStore {
  private static final String COLUMNS = "subject_kind, subject_id, requests_per_day, requests_per_month, "
      + "tokens_per_month, usd_per_month, rpm, tpm";
  private static final Comparator<QuotaPolicy> ORDER = Comparator
      .comparing((QuotaPolicy p) -> p.subject().kind()).thenComparing(p -> p.subject().id());

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiQuotaPolicyStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Optional<QuotaLimits> get(QuotaSubject subject) {
    Objects.requireNonNull(subject, "'subject' must not be null");
    return jdbi.withHandle(h -> bindSubject(h.createQuery("SELECT " + COLUMNS
            + " FROM quota_limit WHERE subject_kind = :kind AND subject_id = :id"), subject)
        .map((rs, ctx) -> read(rs).limits()).findOne());
  }

  @Override
  public void set(QuotaSubject subject, QuotaLimits limits) {
    Objects.requireNonNull(subject, "'subject' must not be null");
    Objects.requireNonNull(limits, "'limits' must not be null");
    if (limits.isEmpty()) {
      delete(subject);
      return;
    }
    Transactions.upsert(jdbi,
        h -> bindLimits(bindSubject(h.createUpdate("UPDATE quota_limit SET requests_per_day = :requests_per_day, "
            + "requests_per_month = :requests_per_month, tokens_per_month = :tokens_per_month, "
            + "usd_per_month = :usd_per_month, rpm = :rpm, tpm = :tpm "
            + "WHERE subject_kind = :kind AND subject_id = :id"), subject), limits).execute(),
        h -> bindLimits(bindSubject(h.createUpdate("INSERT INTO quota_limit (" + COLUMNS + ") VALUES (:kind, :id, "
            + ":requests_per_day, :requests_per_month, :tokens_per_month, :usd_per_month, :rpm, :tpm)"), subject),
            limits).execute());
  }

  @Override
  public boolean delete(QuotaSubject subject) {
    Objects.requireNonNull(subject, "'subject' must not be null");
    return jdbi.withHandle(h -> bindSubject(h.createUpdate(
        "DELETE FROM quota_limit WHERE subject_kind = :kind AND subject_id = :id"), subject).execute()) > 0;
  }

  @Override
  public List<QuotaPolicy> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM quota_limit")
        .map((rs, ctx) -> read(rs)).list()).stream().sorted(ORDER).toList();
  }

  private static <S extends SqlStatement<S>> S bindSubject(S s, QuotaSubject subject) {
    return s.bind("kind", subject.kind().name()).bind("id", subject.id());
  }

  private <S extends SqlStatement<S>> S bindLimits(S s, QuotaLimits l) {
    s.bindByType("requests_per_day", l.requestsPerDay(), Long.class)
        .bindByType("requests_per_month", l.requestsPerMonth(), Long.class)
        .bindByType("tokens_per_month", l.tokensPerMonth(), Long.class)
        .bindByType("rpm", l.rpm(), Long.class)
        .bindByType("tpm", l.tpm(), Long.class);
    return dialect.bindMoney(s, "usd_per_month", l.usdPerMonth());
  }

  private static QuotaPolicy read(ResultSet rs) throws SQLException {
    return new QuotaPolicy(new QuotaSubject(QuotaSubject.Kind.valueOf(rs.getString("subject_kind")),
        rs.getString("subject_id")),
        new QuotaLimits(Rows.longValue(rs, "requests_per_day"), Rows.longValue(rs, "requests_per_month"),
            Rows.longValue(rs, "tokens_per_month"), Dialect.money(rs, "usd_per_month"), Rows.longValue(rs, "rpm"),
            Rows.longValue(rs, "tpm")));
  }
}
