package io.modelgate.adapter.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API, one class per resource: models ({@link ModelAdminApi}), providers ({@link ProviderAdminApi}),
 * accounts and gateway keys ({@link AccountAdminApi}), aliases and the audit log ({@link AliasAdminApi}). Each only
 * parses, calls the core service that decides and audits, and renders.
 */
@Singleton
final class AdminApi {
  private final List<Endpoint> endpoints;

  @Inject
  AdminApi(ModelAdminApi models, ProviderAdminApi providers, AccountAdminApi accounts, AliasAdminApi aliases) {
    List<Endpoint> all = new ArrayList<>();
    all.addAll(models.endpoints());
    all.addAll(providers.endpoints());
    all.addAll(accounts.endpoints());
    all.addAll(aliases.endpoints());
    this.endpoints = List.copyOf(all);
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }
}
