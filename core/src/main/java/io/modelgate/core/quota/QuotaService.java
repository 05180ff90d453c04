package io.modelgate.core.quota;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.QuotaPolicyStore;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import java.util.StringJoiner;

/**
 * The limits of users, orgs and gateway keys for an admin: the subject must exist, and every change is written to
 * the audit log ({@code quota.set}, {@code quota.delete}, target {@code user 'usr_…'}) whichever door it came
 * through. Thread-safe.
 */
public final class QuotaService {
  private final QuotaPolicyStore policies;
  private final AccountStore accounts;
  private final AuditLog audit;
  private final InstantSource clock;

  @Inject
  public QuotaService(QuotaPolicyStore policies, AccountStore accounts, AuditLog audit, InstantSource clock) {
    this.policies = policies;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  /** {@code subject}, if its user, org or key exists; a {@link ModelNotFoundException} naming it otherwise. */
  public QuotaSubject require(QuotaSubject subject) {
    boolean exists = switch (subject.kind()) {
      case USER -> accounts.findUser(subject.id()).isPresent();
      case ORG -> accounts.findOrg(subject.id()).isPresent();
      case KEY -> accounts.findKey(subject.id()).isPresent();
      case PROVIDER -> false;
    };
    if (!exists) {
      throw new ModelNotFoundException("no " + (subject.kind() == QuotaSubject.Kind.KEY ? "gateway key with prefix"
          : subject.kind().wireName()) + " '" + subject.id() + "'");
    }
    return subject;
  }

  /** The limits set for an existing subject; {@link QuotaLimits#NONE} when none are. */
  public QuotaLimits limits(QuotaSubject subject) {
    return policies.get(require(subject)).orElse(QuotaLimits.NONE);
  }

  public List<QuotaPolicy> list() {
    return policies.list();
  }

  /** Sets (replaces) the limits of an existing subject. */
  public void set(String actor, QuotaSubject subject, QuotaLimits limits) {
    QuotaLimits before = limits(subject);
    policies.set(subject, limits);
    audit.append(new AuditEvent(clock.instant(), actor, "quota.set", target(subject),
        before.isEmpty() ? null : text(before), text(limits)));
  }

  /** Removes every limit of an existing subject; a {@link ModelNotFoundException} when none were set. */
  public void delete(String actor, QuotaSubject subject) {
    QuotaLimits before = limits(subject);
    if (!policies.delete(subject)) {
      throw new ModelNotFoundException("no limits are set for " + target(subject));
    }
    audit.append(new AuditEvent(clock.instant(), actor, "quota.delete", target(subject), text(before), null));
  }

  private static String target(QuotaSubject subject) {
    return subject.kind().wireName() + " '" + subject.id() + "'";
  }

  /** The limits that are set, as JSON: {@code {"rpm":"60"}}. */
  private static String text(QuotaLimits limits) {
    StringJoiner json = new StringJoiner(",", "{", "}");
    for (QuotaMeter meter : QuotaMeter.values()) {
      BigDecimal limit = meter.limitIn(limits);
      if (limit != null) {
        json.add("\"" + meter.wireName() + "\":\"" + limit.toPlainString() + "\"");
      }
    }
    return json.toString();
  }
}
