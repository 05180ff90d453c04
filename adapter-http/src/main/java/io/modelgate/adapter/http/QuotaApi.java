package io.modelgate.adapter.http;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaMeter;
import io.modelgate.core.quota.QuotaService;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.wire.AdminWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
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

  private final QuotaService quotas;
  private final Gateway gateway;

  @Inject
  QuotaApi(QuotaService quotas, Gateway gateway) {
    this.quotas = quotas;
    this.gateway = gateway;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.GET, "/api/admin/quotas", admin, TAG, "Every user, org and gateway key with limits",
            this::list),
        new Endpoint(Method.GET, "/api/admin/quotas/{kind}/{id}", admin, TAG,
            "The limits of a user, org or key (kind user|org|key; a key by its prefix) and how much of each is used",
            this::get).reply(AdminWire.Quota.class),
        new Endpoint(Method.PUT, "/api/admin/quotas/{kind}/{id}", admin, TAG,
            "Set the limits: { requests_per_day, requests_per_month, tokens_per_month, usd_per_month, rpm, tpm }; "
                + "a missing or null field is unlimited", this::put)
                    .body(AdminWire.Limits.class).reply(AdminWire.Quota.class),
        new Endpoint(Method.DELETE, "/api/admin/quotas/{kind}/{id}", admin, TAG, "Remove every limit",
            this::delete));
  }

  private void list(Call call) {
    call.json(200, new AdminWire.Data<>(quotas.list().stream()
        .map(p -> AdminWire.quotaLimits(p.subject(), p.limits())).toList()));
  }

  private void get(Call call) {
    QuotaSubject subject = subject(call);
    call.json(200, view(subject, quotas.limits(subject)));
  }

  private void put(Call call) {
    QuotaSubject subject = subject(call);
    QuotaLimits limits = limits(call.body());
    quotas.set(call.principal(), subject, limits);
    call.json(200, view(subject, limits));
  }

  private void delete(Call call) {
    quotas.delete(call.principal(), subject(call));
    call.noContent();
  }

  private AdminWire.Quota view(QuotaSubject subject, QuotaLimits limits) {
    return AdminWire.quota(subject, limits, gateway.quotaStatus(subject.caller()));
  }

  /** The subject the path names; 400 for an unknown kind, 404 for a user, org or key that does not exist. */
  private QuotaSubject subject(Call call) {
    QuotaSubject.Kind kind;
    try {
      kind = QuotaSubject.Kind.parse(call.path("kind"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), "kind");
    }
    return quotas.require(new QuotaSubject(kind, call.path("id")));
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
}
