package io.modelgate.core.account;

import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.AccountStore;
import io.modelgate.core.routing.AccessPolicy;
import jakarta.inject.Inject;
import java.util.Optional;

/** Applies an org's allowed models (ids and {@code provider:*} patterns) to its members' calls, on every hop. */
public final class OrgAccessPolicy implements AccessPolicy {
  private final AccountStore accounts;

  @Inject
  public OrgAccessPolicy(AccountStore accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<String> denies(CallerContext caller, CatalogEntry entry, ProviderInstance instance) {
    if (caller.orgId() == null) {
      return Optional.empty();
    }
    Optional<Org> org = accounts.findOrg(caller.orgId());
    if (org.isPresent() && !org.get().allows(entry.id())) {
      return Optional.of("org '" + org.get().name() + "' does not allow " + entry.id());
    }
    return Optional.empty();
  }

  /** The models the caller's org allows when it restricts them; callers of no org or of an unrestricted one alike. */
  @Override
  public Object scope(CallerContext caller) {
    if (caller.orgId() == null) {
      return NO_RESTRICTION;
    }
    Optional<Org> org = accounts.findOrg(caller.orgId());
    return org.isEmpty() || org.get().allowedModels().isEmpty() ? NO_RESTRICTION : org.get().allowedModels();
  }

  private static final String NO_RESTRICTION = "";
}
