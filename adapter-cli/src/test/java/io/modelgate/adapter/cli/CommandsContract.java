package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every command, run the same way in each mode: output, the {@code --json} shape, stderr and exit codes. A subclass
 * says how a run reaches Modelgate (embedded on a database, or remote through a server) and which user owns the
 * provider keys of the {@code keys} commands. State is shared by the tests of a class, so each makes its own names.
 */
abstract class CommandsContract {
  /** Runs the CLI in this mode with {@code stdin} piped in. */
  abstract CliRun runWith(String stdin, String... args);

  /** The arguments naming whose provider keys {@code keys} manages: {@code --user <id>}, or none when remote. */
  abstract List<String> keysOwner();

  final CliRun run(String... args) {
    return runWith("", args);
  }

  static Object json(String text) throws IOException {
    return new Moshi.Builder().build().adapter(Object.class).fromJson(text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(CliRun r) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    return (Map<String, Object>) json(r.out());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> array(CliRun r) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    return (List<Map<String, Object>>) json(r.out());
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String[] keysArgs(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(keysOwner());
    return all.toArray(String[]::new);
  }

  // ---- models -----------------------------------------------------------------------------------------------

  @Test
  void modelsListPrintsATableAndTheDocumentedJson() throws IOException {
    CliRun table = run("models", "list");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("STATUS");
    assertThat(table.out()).contains("demo:echo");

    List<Map<String, Object>> models = array(run("models", "list", "--provider", "demo", "--category", "text",
        "--json"));
    assertThat(models).singleElement().satisfies(m -> {
      assertThat(m.keySet()).containsExactly("id", "provider", "kind", "category", "name", "description",
          "status", "source", "context_window", "max_output_tokens", "capabilities", "pricing", "discovered_at",
          "enabled_at", "deprecated_at", "last_seen_at", "admin_notes", "successor", "falls_back_to");
      assertThat(m).containsEntry("id", "demo:echo").containsEntry("kind", "demo");
    });
    assertThat(array(run("models", "list", "--capability", "streaming", "--json")))
        .extracting(m -> m.get("id")).contains("demo:echo").doesNotContain("demo:embed");
  }

  @Test
  void modelsShowPrintsOneEntry() throws IOException {
    assertThat(object(run("models", "show", "demo:echo", "--json"))).containsEntry("id", "demo:echo")
        .containsEntry("category", "text");
    CliRun text = run("models", "show", "demo:echo");
    assertThat(text.out()).containsPattern("(?m)^id +demo:echo$");
    CliRun missing = run("models", "show", "demo:ghost");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: ").contains("demo:ghost");
  }

  @Test
  void discoverReportsEachProvider() throws IOException {
    CliRun lines = run("models", "discover", "--force");
    assertThat(lines.exit()).as(lines.err()).isZero();
    assertThat(lines.out()).containsPattern("(?m)^demo: listed 3, new \\d+, updated \\d+, deprecated 0");
    assertThat(lines.out()).doesNotContain("\r").doesNotContain("discovering");
    List<Map<String, Object>> reports = array(run("models", "discover", "--provider", "demo", "--force",
        "--json"));
    assertThat(reports).singleElement().satisfies(r -> {
      assertThat(r.keySet()).containsExactly("provider", "ok", "listed", "new", "updated", "deprecated", "skipped",
          "cache_hit", "error", "retry_after_s", "took_ms");
      assertThat(r).containsEntry("provider", "demo").containsEntry("ok", true).containsEntry("listed", 3.0);
    });
    CliRun unknown = run("models", "discover", "--provider", "nowhere");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("nowhere");
  }

  @Test
  void statusChangesSucceedOrFailPerModel() throws IOException {
    CliRun disable = run("models", "disable", "demo:speak");
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertThat(disable.out()).isEqualTo("demo:speak: disabled" + System.lineSeparator());
    Map<String, Object> enable = object(run("models", "enable", "demo:speak", "--json"));
    assertThat(enable).containsEntry("status", "enabled").containsEntry("updated", List.of("demo:speak"))
        .containsEntry("failed", Map.of());
    CliRun partly = run("models", "enable", "demo:speak", "demo:ghost");
    assertThat(partly.exit()).isEqualTo(1);
    assertThat(partly.out()).contains("demo:speak: enabled");
    assertThat(partly.err()).contains("error: demo:ghost");
    CliRun bad = run("models", "enable", "no-colon");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("has no ':'");
  }

  @Test
  void providerDefaultsCanBeSetAndRead() throws IOException {
    Map<String, Object> set = object(run("models", "default", "set", "--provider", "demo", "--category", "text",
        "demo:echo", "--json"));
    assertThat(set.keySet()).containsExactly("provider", "category", "model");
    assertThat(set).containsEntry("provider", "demo").containsEntry("category", "text")
        .containsEntry("model", "demo:echo");
    assertThat(object(run("models", "default", "get", "--provider", "demo", "--json")))
        .containsEntry("model", "demo:echo");
    CliRun text = run("models", "default", "get", "--provider", "demo");
    assertThat(text.out()).containsPattern("(?m)^model +demo:echo$");
    CliRun wrongProvider = run("models", "default", "set", "--provider", "openai", "demo:echo");
    assertThat(wrongProvider.exit()).isEqualTo(2);
    CliRun neither = run("models", "default", "set", "--provider", "demo");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("--clear");
  }

  @Test
  void orgAndAgentDefaultsCanBeSetAndCleared() throws IOException {
    String org = (String) object(run("orgs", "create", "--name", unique("defaults"), "--json")).get("id");
    Map<String, Object> set = object(run("models", "default", "set", "--org", org, "demo:echo", "--json"));
    assertThat(set).containsEntry("scope", "organization").containsEntry("id", org)
        .containsEntry("model", "demo:echo");
    assertThat(object(run("models", "default", "set", "--org", org, "--clear", "--json"))).containsEntry("model",
        null);
    assertThat(object(run("models", "default", "set", "--agent", "support-bot", "demo:echo", "--json")))
        .containsEntry("scope", "agent").containsEntry("model", "demo:echo");
    CliRun unknownOrg = run("models", "default", "set", "--org", "org_nosuch", "demo:echo");
    assertThat(unknownOrg.exit()).isEqualTo(1);
    assertThat(unknownOrg.err()).contains("org_nosuch");
    CliRun both = run("models", "default", "set", "--org", org, "--agent", "x", "demo:echo");
    assertThat(both.exit()).isEqualTo(2);
  }

  @Test
  void migrationsAreAddedAndListed() throws IOException {
    Map<String, Object> added = object(run("models", "migrate", "add", "demo:old-echo", "demo:echo",
        "--reason", "renamed", "--json"));
    assertThat(added).containsEntry("from", "demo:old-echo").containsEntry("to", "demo:echo")
        .containsEntry("reason", "renamed").containsEntry("automatic", false).containsKey("rewritten");
    assertThat(array(run("models", "migrate", "list", "--json")))
        .anySatisfy(m -> assertThat(m).containsEntry("from", "demo:old-echo"));
    assertThat(run("models", "migrate", "list").out()).startsWith("FROM").contains("demo:old-echo");
    CliRun badReason = run("models", "migrate", "add", "demo:a", "demo:echo", "--reason", "bored");
    assertThat(badReason.exit()).isEqualTo(2);
    assertThat(badReason.err()).contains("bored");
  }

  // ---- aliases ----------------------------------------------------------------------------------------------

  @Test
  void aliasesAreSetWithAStrategyListedAndRemoved() throws IOException {
    String name = unique("fast");
    Map<String, Object> saved = object(run("aliases", "set", name, "demo:echo", "--strategy", "round-robin",
        "--temperature", "0.2", "--json"));
    assertThat(saved).containsEntry("name", name).containsEntry("models", List.of("demo:echo"))
        .containsEntry("strategy", "round-robin").containsEntry("defaults", Map.of("temperature", 0.2));
    assertThat(array(run("aliases", "list", "--json"))).anySatisfy(a -> assertThat(a)
        .containsEntry("name", name).containsEntry("strategy", "round-robin"));
    assertThat(run("aliases", "list").out()).startsWith("NAME").contains(name).contains("round-robin");
    assertThat(object(run("aliases", "set", name, "demo:echo", "--json"))).containsEntry("strategy", "least-busy");
    assertThat(array(run("audit", "list", "--json"))).anySatisfy(e -> assertThat(e)
        .containsEntry("action", "alias.save").containsEntry("target", name));

    CliRun badStrategy = run("aliases", "set", name, "demo:echo", "--strategy", "fastest");
    assertThat(badStrategy.exit()).isEqualTo(2);
    assertThat(badStrategy.err()).contains("fastest").contains("round-robin");

    CliRun removed = run("aliases", "remove", name);
    assertThat(removed.exit()).as(removed.err()).isZero();
    assertThat(array(run("aliases", "list", "--json"))).noneSatisfy(a -> assertThat(a).containsEntry("name", name));
    CliRun again = run("aliases", "remove", name);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains(name);
  }

  // ---- providers --------------------------------------------------------------------------------------------

  @Test
  void providersAreAddedWithAKeyFromStdinAndNeverShowIt() throws IOException {
    String id = unique("box");
    String key = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
    CliRun add = runWith(key + "\n", "providers", "add", id, "--kind", "openai-compatible",
        "--base-url", "http://127.0.0.1:9/v1", "--name", "Test box", "--json");
    Map<String, Object> added = object(add);
    assertThat(added).containsEntry("id", id).containsEntry("kind", "openai-compatible")
        .containsEntry("name", "Test box").containsEntry("has_key", true);
    assertThat(add.out() + add.err()).doesNotContain(key);

    CliRun again = runWith("", "providers", "add", id, "--kind", "openai-compatible", "--no-key");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");

    Map<String, Object> updated = object(run("providers", "update", id, "--name", "Renamed box", "--disable",
        "--json"));
    assertThat(updated).containsEntry("name", "Renamed box").containsEntry("enabled", false);

    // Outbound rate limits are options, set one by one over the others; an empty value removes one.
    assertThat(object(run("providers", "update", id, "--option", "rpm=60", "--option", "pool=boxes", "--json")))
        .extractingByKey("options").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("rpm", "60").containsEntry("pool", "boxes");
    assertThat(object(run("providers", "update", id, "--option", "tpm=90000", "--option", "pool=", "--json")))
        .extractingByKey("options").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("rpm", "60").containsEntry("tpm", "90000").doesNotContainKey("pool");

    List<Map<String, Object>> listed = array(run("providers", "list", "--timeout", "3s", "--json"));
    assertThat(listed).anySatisfy(p -> assertThat(p).containsEntry("id", id).containsEntry("enabled", false));
    assertThat(listed).filteredOn(p -> p.get("id").equals("demo")).singleElement().satisfies(p -> {
      assertThat(p.keySet()).containsExactly("id", "kind", "name", "base_url", "enabled", "visibility", "owner",
          "origin", "defaults", "options", "health", "latency_ms", "detail");
      assertThat(p).containsEntry("health", "healthy");
    });
    CliRun table = run("providers", "list");
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("HEALTH")
        .contains("LATENCY_MS");
    assertThat(table.out() + table.err()).doesNotContain(key);

    CliRun removed = run("providers", "remove", id);
    assertThat(removed.exit()).as(removed.err()).isZero();
    assertThat(array(run("providers", "list", "--no-probe", "--json"))).noneMatch(p -> p.get("id").equals(id));
    assertThat(run("providers", "remove", id).exit()).isEqualTo(1);
  }

  @Test
  void providersHealthProbesEveryEnabledProvider() throws IOException {
    String id = unique("dead");
    assertThat(run("providers", "add", id, "--kind", "openai-compatible", "--base-url",
        "http://127.0.0.1:9/v1", "--no-key").exit()).isZero();
    try {
      CliRun health = run("providers", "health", "--timeout", "3s");
      assertThat(health.exit()).isEqualTo(1);
      assertThat(health.out()).containsPattern("(?m)^demo +healthy").containsPattern("(?m)^" + id + " +down");
    } finally {
      run("providers", "remove", id);
    }
  }

  @Test
  void providerArgumentsAreCheckedBeforeAnythingHappens() {
    CliRun kind = run("providers", "add", "x1", "--kind", "carrier-pigeon", "--no-key");
    assertThat(kind.exit()).isEqualTo(2);
    assertThat(kind.err()).contains("unknown provider kind 'carrier-pigeon'");
    CliRun url = run("providers", "add", "x1", "--kind", "ollama", "--base-url", "ftp://x", "--no-key");
    assertThat(url.exit()).isEqualTo(2);
    CliRun keyArg = run("providers", "add", "x1", "--kind", "openai", "--key", "sk-secret");
    assertThat(keyArg.exit()).isEqualTo(2);
    assertThat(keyArg.err()).contains("never pass a key as an argument").doesNotContain("sk-secret");
  }

  // ---- chat -------------------------------------------------------------------------------------------------

  @Test
  void chatStreamsAndPrintsJsonWithRouteAndUsage() throws IOException {
    CliRun text = run("chat", "-m", "demo:echo", "Hello", "world");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).isEqualTo("Echo: Hello world" + System.lineSeparator());
    assertThat(text.err()).isEmpty();

    CliRun piped = runWith("from stdin\n", "chat", "-m", "demo:echo", "-");
    assertThat(piped.out()).startsWith("Echo: from stdin");

    Map<String, Object> json = object(run("chat", "-m", "demo:echo", "--system", "Be brief", "--json", "Hi"));
    assertThat(json.keySet()).containsExactly("request_id", "model", "route", "text", "finish_reason",
        "tool_calls", "usage");
    assertThat(json).containsEntry("model", "demo:echo").containsEntry("text", "Echo: Hi")
        .containsEntry("finish_reason", "stop");
    @SuppressWarnings("unchecked")
    Map<String, Object> route = (Map<String, Object>) json.get("route");
    assertThat(route.keySet()).containsExactly("requested", "served", "provider", "source", "steps", "attempts");
    assertThat((java.util.List<?>) route.get("attempts")).singleElement().asString().startsWith("demo:echo served ");
    assertThat(route).containsEntry("served", "demo:echo").containsEntry("provider", "demo")
        .containsEntry("source", "request");
    @SuppressWarnings("unchecked")
    Map<String, Object> usage = (Map<String, Object>) json.get("usage");
    assertThat(usage.keySet()).containsExactly("prompt_tokens", "completion_tokens", "cached_tokens",
        "reasoning_tokens", "total_tokens");
    assertThat(usage).containsEntry("completion_tokens", 3.0);
  }

  @Test
  void aDeprecatedModelSaysWhatTheRouterServesInstead() throws IOException {
    String box = unique("demo3");
    assertThat(run("providers", "add", box, "--kind", "demo", "--no-key").exit()).isZero();
    try {
      assertThat(run("models", "discover", "--provider", box, "--force").exit()).isZero();
      assertThat(run("models", "enable", box + ":echo").exit()).isZero();
      assertThat(object(run("models", "show", box + ":echo", "--json"))).containsEntry("falls_back_to", null);
      assertThat(run("models", "deprecate", box + ":echo").exit()).isZero();
      assertThat(run("models", "migrate", "add", box + ":echo", "demo:echo", "--automatic").exit()).isZero();
      // the router follows the automatic migration, as `chat -m` shows, and the entry says so
      Object served = object(run("chat", "-m", box + ":echo", "--json", "Hi")).get("model");
      assertThat(served).isEqualTo("demo:echo");
      assertThat(object(run("models", "show", box + ":echo", "--json"))).containsEntry("falls_back_to", served);
      assertThat(run("models", "disable", "demo:echo").exit()).isZero();
      try {
        assertThat(object(run("models", "show", box + ":echo", "--json")).get("falls_back_to"))
            .as("its target switched off, and no default to fall back to").isNotEqualTo("demo:echo");
      } finally {
        run("models", "enable", "demo:echo");
      }
    } finally {
      run("providers", "remove", box);
    }
  }

  @Test
  void chatInAConversationPinsTheModelThatFirstServedIt() throws IOException {
    String box = unique("demo2");
    assertThat(run("providers", "add", box, "--kind", "demo", "--no-key").exit()).isZero();
    try {
      CliRun discovered = run("models", "discover", "--provider", box, "--force");
      assertThat(discovered.exit()).as(discovered.err()).isZero();
      CliRun enabled = run("models", "enable", box + ":echo");
      assertThat(enabled.exit()).as(enabled.err()).isZero();
      String conversation = unique("trip");

      Map<String, Object> first = object(run("chat", "--conversation", conversation, "-m", box + ":echo",
          "--json", "Hi"));
      assertThat(first).containsEntry("model", box + ":echo");
      Map<String, Object> next = object(run("chat", "--conversation", conversation, "--json", "Again"));
      assertThat(next).containsEntry("model", box + ":echo");
      @SuppressWarnings("unchecked")
      Map<String, Object> route = (Map<String, Object>) next.get("route");
      assertThat(route).containsEntry("source", "conversation");
      assertThat(object(run("chat", "--conversation", unique("other"), "--json", "Hi")).get("model"))
          .isNotEqualTo(box + ":echo");
      assertThat(run("chat", "--conversation", " ", "Hi").exit()).isEqualTo(2);
    } finally {
      run("providers", "remove", box);
    }
  }

  @Test
  void chatFailuresAreErrorsOnStderr() {
    CliRun unknown = run("chat", "-m", "demo:nope", "Hi");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("error: ").contains("demo:nope");
    assertThat(unknown.out()).isEmpty();
    CliRun empty = runWith("", "chat", "-m", "demo:echo");
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("no prompt");
  }

  // ---- keys -------------------------------------------------------------------------------------------------

  @Test
  void usersProviderKeysAreStoredFromStdinAndListedMasked() throws IOException {
    String key = "sk-user-" + UUID.randomUUID().toString().replace("-", "");
    CliRun add = runWith(key + "\n", keysArgs("keys", "add", "--provider", "demo", "--json"));
    Map<String, Object> added = object(add);
    assertThat(added.keySet()).containsExactly("provider", "key", "created_at", "last_used_at");
    assertThat(added).containsEntry("provider", "demo");
    assertThat((String) added.get("key")).endsWith(key.substring(key.length() - 4)).doesNotContain(key);

    CliRun list = run(keysArgs("keys", "list"));
    assertThat(list.out()).startsWith("PROVIDER").contains("demo").doesNotContain(key);
    assertThat(array(run(keysArgs("keys", "list", "--json")))).extracting(k -> k.get("provider"))
        .contains("demo");

    CliRun none = runWith("", keysArgs("keys", "add", "--provider", "demo"));
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no key given");

    assertThat(run(keysArgs("keys", "remove", "--provider", "demo")).exit()).isZero();
    assertThat(array(run(keysArgs("keys", "list", "--json")))).noneMatch(k -> k.get("provider").equals("demo"));
    CliRun again = run(keysArgs("keys", "remove", "--provider", "demo"));
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("demo");
  }

  // ---- accounts ---------------------------------------------------------------------------------------------

  @Test
  void usersOrgsAndGatewayKeys() throws IOException {
    Map<String, Object> org = object(run("orgs", "create", "--name", unique("research"), "--json"));
    assertThat(org.keySet()).containsExactly("id", "name", "allowed_models", "created_at");
    String orgId = (String) org.get("id");
    Map<String, Object> user = object(run("users", "create", "--name", unique("alice"), "--org", orgId,
        "--json"));
    assertThat(user.keySet()).containsExactly("id", "name", "role", "org_id", "created_at");
    assertThat(user).containsEntry("role", "member").containsEntry("org_id", orgId);
    String userId = (String) user.get("id");
    assertThat(array(run("users", "list", "--json"))).extracting(u -> u.get("id")).contains(userId);
    assertThat(run("users", "list").out()).startsWith("ID").contains(userId);
    assertThat(run("users", "create", "--name", "bob", "--role", "owner").exit()).isEqualTo(2);

    Map<String, Object> allowed = object(run("orgs", "allow", orgId, "demo:*", "--json"));
    assertThat(allowed).containsEntry("allowed_models", List.of("demo:*"));
    assertThat(run("orgs", "list").out()).contains(orgId).contains("demo:*");
    assertThat(run("orgs", "allow", orgId).exit()).isEqualTo(2);

    CliRun created = run("gateway-keys", "create", "--user", userId, "--name", "laptop");
    assertThat(created.exit()).as(created.err()).isZero();
    String key = created.out().strip();
    assertThat(key).matches("mg_[0-9a-f]{8}_\\w{32}");
    assertThat(created.err()).contains("not shown again");
    String prefix = key.substring(0, 11);
    List<Map<String, Object>> keys = array(run("gateway-keys", "list", "--user", userId, "--json"));
    assertThat(keys).singleElement().satisfies(k -> {
      assertThat(k.keySet()).containsExactly("prefix", "user_id", "name", "created_at", "last_used_at",
          "revoked_at");
      assertThat(k).containsEntry("prefix", prefix).containsEntry("name", "laptop")
          .containsEntry("revoked_at", null);
    });
    assertThat(run("gateway-keys", "list", "--user", userId).out()).contains(prefix).doesNotContain(key);
    assertThat(run("gateway-keys", "revoke", prefix).out()).contains("revoked " + prefix);
    assertThat(array(run("gateway-keys", "list", "--user", userId, "--json")).getFirst().get("revoked_at"))
        .isNotNull();
    assertThat(run("gateway-keys", "revoke", "mg_00000000").exit()).isEqualTo(1);
    assertThat(run("gateway-keys", "revoke", "not-a-prefix").exit()).isEqualTo(2);

    Map<String, Object> json = object(run("gateway-keys", "create", "--user", userId, "--json"));
    assertThat(json.keySet()).containsExactly("key", "prefix", "user_id", "name");
  }

  // ---- quota ------------------------------------------------------------------------------------------------

  /** Whether this mode can keep quotas (a server answers for them only once it serves the quota API). */
  boolean keepsQuotas() {
    return true;
  }

  @Test
  void quotasAreSetAndShown() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(keepsQuotas(), "this server has no /api/admin/quotas yet");
    String user = (String) object(run("users", "create", "--name", unique("limited"), "--json")).get("id");
    Map<String, Object> set = object(run("quota", "set", "user", user, "--requests-per-day", "100",
        "--usd-per-month", "25.50", "--rpm", "10", "--json"));
    assertThat(set.keySet()).containsExactly("kind", "id", "requests_per_day", "requests_per_month",
        "tokens_per_month", "usd_per_month", "rpm", "tpm", "usage");
    assertThat(set).containsEntry("kind", "user").containsEntry("id", user).containsEntry("requests_per_day", 100.0)
        .containsEntry("usd_per_month", 25.5).containsEntry("rpm", 10.0).containsEntry("tpm", null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> usage = (List<Map<String, Object>>) set.get("usage");
    assertThat(usage).extracting(u -> u.get("limit")).containsExactlyInAnyOrder("requests_per_day",
        "usd_per_month", "rpm");
    assertThat(usage).allSatisfy(u -> assertThat(u.keySet()).containsExactly("limit", "max", "used", "remaining",
        "resets_at"));
    Map<String, Object> shown = object(run("quota", "show", "user", user, "--json"));
    shown.remove("usage");
    set.remove("usage");
    assertThat(shown).isEqualTo(set);
    CliRun text = run("quota", "show", "user", user);
    assertThat(text.out()).containsPattern("(?m)^requests_per_day +100$").containsPattern("(?m)^tpm +-$");
    assertThat(object(run("quota", "set", "user", user, "--json"))).containsEntry("requests_per_day", null);
    CliRun negative = run("quota", "set", "org", "org_x", "--rpm", "-1");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).contains("'rpm' must not be negative");
    assertThat(run("quota", "show", "team", "t1").exit()).isEqualTo(2);
    CliRun nobody = run("quota", "show", "user", "usr_nobody");
    assertThat(nobody.exit()).isEqualTo(1);
    assertThat(nobody.err()).contains("usr_nobody");
  }

  // ---- usage ------------------------------------------------------------------------------------------------

  @Test
  void usageReportsAgreeWithTheCallsMade() throws IOException {
    assertThat(run("chat", "-m", "demo:echo", "count me").exit()).isZero();
    List<Map<String, Object>> byModel = array(run("usage", "report", "--by", "model", "--json"));
    assertThat(byModel).filteredOn(t -> "demo:echo".equals(t.get("key"))).singleElement().satisfies(t -> {
      assertThat(t.keySet()).containsExactly("key", "requests", "prompt_tokens", "completion_tokens",
          "cached_tokens", "reasoning_tokens", "cost_usd");
      assertThat((Double) t.get("requests")).isGreaterThanOrEqualTo(1.0);
    });
    CliRun csv = run("usage", "report", "--by", "provider", "--csv");
    assertThat(csv.out().lines().findFirst().orElseThrow())
        .isEqualTo("provider,requests,prompt_tokens,completion_tokens,cached_tokens,reasoning_tokens,cost_usd");
    assertThat(csv.out()).containsPattern("(?m)^demo,\\d+,");
    CliRun table = run("usage", "report", "--by", "day", "--since", "2020-01-01", "--until", "2099-12-31");
    assertThat(table.out()).startsWith("DAY").contains("REQUESTS");
    assertThat(run("usage", "report", "--since", "2030-01-01", "--until", "2030-01-02").out())
        .contains("no usage in this range");
    CliRun badDay = run("usage", "report", "--since", "yesterday");
    assertThat(badDay.exit()).isEqualTo(2);
    assertThat(badDay.err()).contains("--since");
    assertThat(run("usage", "report", "--by", "weather").exit()).isEqualTo(2);
    assertThat(run("usage", "report", "--csv", "--json").exit()).isEqualTo(2);
  }
}
