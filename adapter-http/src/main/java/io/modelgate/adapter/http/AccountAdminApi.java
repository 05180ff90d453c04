package io.modelgate.adapter.http;

import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.IssuedKey;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.wire.AdminWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code /api/admin/users}, {@code /orgs} and {@code /keys}: accounts and gateway keys, over {@link AccountService}. */
@Singleton
final class AccountAdminApi {
  private static final String TAG = "admin: accounts";

  private final AccountService accounts;

  @Inject
  AccountAdminApi(AccountService accounts) {
    this.accounts = accounts;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access admin = Endpoint.Access.ADMIN;
    return List.of(
        new Endpoint(Method.GET, "/api/admin/users", admin, TAG, "Every user", this::users)
            .replyData(AdminWire.UserView.class),
        new Endpoint(Method.POST, "/api/admin/users", admin, TAG, "Create a user: { name, role, org_id? }",
            this::createUser).body(AdminWire.UserRequest.class).reply(AdminWire.UserView.class),
        new Endpoint(Method.GET, "/api/admin/orgs", admin, TAG, "Every org", this::orgs)
            .replyData(AdminWire.OrgView.class),
        new Endpoint(Method.POST, "/api/admin/orgs", admin, TAG, "Create an org: { name }", this::createOrg)
            .body(AdminWire.OrgRequest.class),
        new Endpoint(Method.PUT, "/api/admin/orgs/{id}/allowed-models", admin, TAG,
            "Set the models an org may use: ids and provider:* patterns; empty allows all", this::allowedModels)
            .body(AdminWire.AllowedModelsRequest.class),
        new Endpoint(Method.POST, "/api/admin/users/{id}/keys", admin, TAG,
            "Issue a gateway key: { key, prefix } — the only time the key is shown", this::issueKey)
            .body(AdminWire.KeyRequest.class),
        new Endpoint(Method.GET, "/api/admin/users/{id}/keys", admin, TAG, "A user's gateway keys (prefixes)",
            this::keys),
        new Endpoint(Method.DELETE, "/api/admin/keys/{prefix}", admin, TAG, "Revoke a gateway key",
            this::revokeKey));
  }

  private void users(Call call) {
    call.json(200, new AdminWire.Data<>(accounts.users().stream().map(AdminWire::user).toList()));
  }

  private void createUser(Call call) {
    Fields body = call.body();
    AccountRole role = Fields.checked(() -> AccountRole.parse(body.string("role") == null ? "member"
        : body.string("role")));
    String name = body.requiredString("name");
    call.json(201, AdminWire.user(Fields.checked(() -> accounts.createUser(call.principal(), name, role,
        body.string("org_id")))));
  }

  private void orgs(Call call) {
    call.json(200, new AdminWire.Data<>(accounts.orgs().stream().map(AdminWire::org).toList()));
  }

  private void createOrg(Call call) {
    Fields body = call.body();
    String name = body.requiredString("name");
    call.json(201, AdminWire.org(Fields.checked(() -> accounts.createOrg(call.principal(), name))));
  }

  private void allowedModels(Call call) {
    Fields body = call.body();
    List<String> patterns = body.strings("allowed_models");
    if (patterns == null) {
      throw body.invalid("allowed_models", "is required (an empty array allows every model)");
    }
    call.json(200, AdminWire.org(accounts.setAllowedModels(call.principal(), call.path("id"), patterns)));
  }

  private void issueKey(Call call) {
    String userId = call.path("id");
    String name = call.hasBody() ? call.body().string("name") : null;
    IssuedKey issued = accounts.issueKey(call.principal(), userId, name);
    call.json(201, new AdminWire.NewKey(issued.key().reveal(), issued.prefix()));
  }

  private void keys(Call call) {
    String userId = call.path("id");
    if (accounts.user(userId).isEmpty()) {
      throw new ModelNotFoundException("no user '" + userId + "'");
    }
    call.json(200, new AdminWire.Data<>(accounts.keys(userId).stream().map(AdminWire::key).toList()));
  }

  private void revokeKey(Call call) {
    if (!accounts.revokeKey(call.principal(), call.path("prefix"))) {
      throw new ModelNotFoundException("no gateway key with prefix '" + call.path("prefix") + "'");
    }
    call.noContent();
  }
}
