package io.modelgate.adapter.http;

import io.helidon.http.Method;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaMeter;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.wire.AdminWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The admin API of limits: {@code /api/admin/quotas/{user|org|key}/{id}} reads, sets and removes the limits of one
 * user, org or gateway key (by its prefix), and shows how much of each is used. Limits live in the database and are
 * read on every call, so a change made through one replica holds on every replica at once.
 */
@Singleton
final class QuotaApi {
  private static final String TAG = "admin: quotas";
  private static final Set<String> FIELDS = Arrays.stream(QuotaMeter.values()).map(QuotaMeter::wireName)
      .collect(Collectors.toUnmodifiableSet());

  private final QuotaPolicyStore policies;
  private final Gateway gateway;
  private final AccountService accounts;
  private final AuditLog audit;
  private final InstantSource clock;
  private final JsonCodec json;

  @Inject
  QuotaApi(QuotaPolicyStore policies, Gateway gateway, AccountService accounts, AuditLog audit, InstantSource clock,
      JsonCodec json) {
    this.policies = policies;
    this.gateway = gateway;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
    this.json = json;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.GET, "/api/admin/quotas", admin, TAG, "Every user, org and gateway key with limits",
            this::list),
        new Endpoint(Method.GET, "/api/admin/quotas/{kind}/{id}", admin, TAG,
            "The limits of a user, org or key (kind user|org|key; a key by its prefix) and how much of each is used",
            this::get),
        new Endpoint(Method.PUT, "/api/admin/quotas/{kind}/{id}", admin, TAG,
            "Set the limits: { requests_per_day, requests_per_month, tokens_per_month, usd_per_month, rpm, tpm }; "
                + "a missing or null field is unlimited", this::put),
        new Endpoint(Method.DELETE, "/api/admin/quotas/{kind}/{id}", admin, TAG, "Remove every limit",
            this::delete));
  }

  private void list(Call call) {
    call.json(200, new AdminWire.Data<>(policies.list().stream()
        .map(p -> AdminWire.quotaLimits(p.subject(), p.limits())).toList()));
  }

  private void get(Call call) {
    QuotaSubject subject = subject(call);
    call.json(200, view(subject, policies.get(subject).orElse(QuotaLimits.NONE)));
  }

  private void put(Call call) {
    QuotaSubject subject = subject(call);
    QuotaLimits limits = limits(call.body());
    QuotaLimits before = policies.get(subject).orElse(QuotaLimits.NONE);
    policies.set(subject, limits);
    audit.append(new AuditEvent(clock.instant(), call.principal(), "quota.set", target(subject),
        before.isEmpty() ? null : text(before), text(limits)));
    call.json(200, view(subject, limits));
  }

  private void delete(Call call) {
    QuotaSubject subject = subject(call);
    QuotaLimits before = policies.get(subject).orElse(QuotaLimits.NONE);
    if (!policies.delete(subject)) {
      throw new ModelNotFoundException("no limits are set for " + target(subject));
    }
    audit.append(new AuditEvent(clock.instant(), call.principal(), "quota.delete", target(subject), text(before),
        null));
    call.noContent();
  }

  private AdminWire.Quota view(QuotaSubject subject, QuotaLimits limits) {
    return AdminWire.quota(subject, limits, gateway.quotaStatus(callerOf(subject)));
  }

  /** A caller that counts against {@code subject} alone, to read that subject's status. */
  private static CallerContext callerOf(QuotaSubject subject) {
    return switch (subject.kind()) {
      case USER -> new CallerContext(subject.id(), null, null, null, false);
      case ORG -> new CallerContext(null, subject.id(), null, null, false);
      case KEY -> new CallerContext(null, null, subject.id(), null, false);
    };
  }

  /** The subject the path names; 400 for an unknown kind, 404 for a user, org or key that does not exist. */
  private QuotaSubject subject(Call call) {
    QuotaSubject.Kind kind;
    try {
      kind = QuotaSubject.Kind.parse(call.path("kind"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), "kind");
    }
    String id = call.path("id");
    boolean exists = switch (kind) {
      case USER -> accounts.user(id).isPresent();
      case ORG -> accounts.org(id).isPresent();
      case KEY -> accounts.key(id).isPresent();
    };
    if (!exists) {
      throw new ModelNotFoundException("no " + (kind == QuotaSubject.Kind.KEY ? "gateway key with prefix"
          : kind.wireName()) + " '" + id + "'");
    }
    return new QuotaSubject(kind, id);
  }

  /** The limits of a PUT body; every field must be a known limit and a non-negative number. */
  static QuotaLimits limits(Fields body) {
    for (String name : body.names()) {
      if (!FIELDS.contains(name)) {
        throw body.invalid(name, "is not a limit; expected requests_per_day, requests_per_month, "
            + "tokens_per_month, usd_per_month, rpm or tpm");
      }
    }
    return QuotaLimits.builder()
        .requestsPerDay(count(body, "requests_per_day"))
        .requestsPerMonth(count(body, "requests_per_month"))
        .tokensPerMonth(count(body, "tokens_per_month"))
        .usdPerMonth(usd(body, "usd_per_month"))
        .rpm(count(body, "rpm"))
        .tpm(count(body, "tpm"))
        .build();
  }

  private static @Nullable Long count(Fields body, String field) {
    Long value = body.integer(field);
    if (value != null && value < 0) {
      throw body.invalid(field, "must not be negative");
    }
    return value;
  }

  /** USD as a JSON number or, to keep every digit, a decimal string ({@code "12.50"}). */
  private static @Nullable BigDecimal usd(Fields body, String field) {
    Object raw = body.raw(field);
    BigDecimal value;
    if (raw == null) {
      return null;
    } else if (raw instanceof String s) {
      try {
        value = new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        throw body.invalid(field, "must be a number of USD");
      }
    } else if (raw instanceof Number n) {
      value = new BigDecimal(n.toString());
    } else {
      throw body.invalid(field, "must be a number of USD");
    }
    if (value.signum() < 0) {
      throw body.invalid(field, "must not be negative");
    }
    return value.stripTrailingZeros();
  }

  private static String target(QuotaSubject subject) {
    return subject.kind().wireName() + " '" + subject.id() + "'";
  }

  private String text(QuotaLimits limits) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (QuotaMeter meter : QuotaMeter.values()) {
      BigDecimal limit = meter.limitIn(limits);
      if (limit != null) {
        values.put(meter.wireName(), limit.toPlainString());
      }
    }
    return json.treeText(values);
  }
}
