package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.adapter.http.HttpService;
import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.provider.ConfiguredInstances;
import io.modelgate.core.provider.ProviderChanges;
import io.modelgate.core.provider.ProviderService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when #1 of issue 10: every provider-administration case run through the four doors — the core service, the
 * CLI embedded, the CLI remote (against the real HTTP service in this process) and the HTTP API — gives the same
 * outcome and writes the same audit event. Each door has its own state, with {@code openai} configured from the
 * environment (its key in {@code OPENAI_API_KEY}).
 */
class ProviderAdministrationDoorsTest {
  private static final String BOX = "box";
  private static final String BOX_URL = "http://127.0.0.1:9/v1";
  private static final String CONFIGURED = "openai";
  private static final String ENV_KEY = "sk-env-configured-0000000000";
  private static final String FIRST_KEY = "sk-first-box-key-1111111111";
  private static final String SECOND_KEY = "sk-rotated-box-key-2222222222";
  private static final Moshi MOSHI = new Moshi.Builder().build();

  @TempDir
  Path home;

  /** What one case came to: success or the error's message, the provider as answered, and the audit event. */
  record Outcome(boolean ok, @Nullable String error, @Nullable String name, @Nullable Boolean enabled,
      @Nullable List<String> audit) {}

  /** One way in. Each method runs one case; {@link #audit()} reads the audit log through the same door. */
  interface Door {
    Outcome add(String id, String kind, @Nullable String baseUrl, String key);

    Outcome rename(String id, String name);

    Outcome disable(String id);

    Outcome rotate(String id, String key);

    Outcome remove(String id);

    /** {@code [action, target, before, after]} of each audit event, newest first. */
    List<List<String>> audit();

    /** Everything this door has printed or answered, to look for keys in. */
    String transcript();
  }

  private static Map<String, String> environment(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("MODELGATE_HOME", home.toString());
    env.put("OPENAI_API_KEY", ENV_KEY);
    env.put("OPENAI_BASE_URL", BOX_URL);
    return env;
  }

  /** The cases, in order, on one door; each outcome carries the audit event it wrote, if any. */
  private static List<Outcome> script(Door door) {
    int[] seen = {door.audit().size()};
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(audited(door, seen, () -> door.add(BOX, "openai-compatible", BOX_URL, FIRST_KEY)));
    outcomes.add(audited(door, seen, () -> door.add(CONFIGURED, "openai", null, FIRST_KEY)));
    outcomes.add(audited(door, seen, () -> door.rotate(CONFIGURED, FIRST_KEY)));
    outcomes.add(audited(door, seen, () -> door.rename(BOX, "GPU box")));
    outcomes.add(audited(door, seen, () -> door.disable(BOX)));
    outcomes.add(audited(door, seen, () -> door.rotate(BOX, SECOND_KEY)));
    outcomes.add(audited(door, seen, () -> door.remove(CONFIGURED)));
    outcomes.add(audited(door, seen, () -> door.remove(BOX)));
    outcomes.add(audited(door, seen, () -> door.remove(BOX)));
    return outcomes;
  }

  /** Runs one case; {@code seen[0]} is how many audit events there were before it, and after it on return. */
  private static Outcome audited(Door door, int[] seen, Supplier<Outcome> action) {
    Outcome o = action.get();
    List<List<String>> after = door.audit();
    List<String> event = after.size() > seen[0] ? after.get(0) : null;
    assertThat(after.size()).as("at most one audit event per case").isLessThanOrEqualTo(seen[0] + 1);
    seen[0] = after.size();
    return new Outcome(o.ok(), o.error(), o.name(), o.enabled(), event);
  }

  @Test
  void everyDoorGivesTheSameOutcomeAndTheSameAuditEvent() throws IOException {
    List<Outcome> core = script(new CoreDoor());

    assertThat(core).extracting(Outcome::ok)
        .containsExactly(true, false, false, true, true, true, false, true, false);
    assertThat(core.get(0).audit()).containsExactly("provider.add", BOX, null,
        "{\"kind\":\"openai-compatible\",\"enabled\":true,\"base_url\":\"" + BOX_URL
            + "\",\"owner\":null,\"credential\":\"vault\"}");
    assertThat(core.get(1).error()).isEqualTo(
        "provider 'openai' already exists (it comes from configuration); update it instead");
    assertThat(core.get(2).error()).isEqualTo(
        "the key of provider 'openai' comes from OPENAI_API_KEY in the environment; change it there");
    assertThat(core.get(3).name()).isEqualTo("GPU box");
    assertThat(core.get(3).audit()).first().isEqualTo("provider.update");
    assertThat(core.get(4).enabled()).isFalse();
    assertThat(core.get(4).audit().get(3)).contains("\"enabled\":false");
    assertThat(core.get(5).audit()).first().isEqualTo("provider.rotate-key");
    assertThat(core.get(6).error()).startsWith("provider 'openai' comes from configuration");
    assertThat(core.get(7).audit()).first().isEqualTo("provider.remove");
    assertThat(core.get(8).error()).isEqualTo("no provider 'box'");
    assertThat(core).filteredOn(o -> !o.ok()).allMatch(o -> o.audit() == null);

    Map<String, String> embeddedEnv = environment(home.resolve("embedded"));
    EmbeddedBackend backend = DaggerCliComponent.factory().create(embeddedEnv).backend();
    try {
      CliDoor embedded = new CliDoor(backend, embeddedEnv, List.of());
      assertThat(script(embedded)).as("CLI, embedded").isEqualTo(core);
      assertThat(embedded.transcript()).doesNotContain(FIRST_KEY, SECOND_KEY, ENV_KEY);
    } finally {
      backend.close();
    }

    try (HttpService server = HttpService.start(environment(home.resolve("http")), 0)) {
      HttpDoor http = new HttpDoor("http://127.0.0.1:" + server.port(), server.bootstrapKey().orElseThrow());
      assertThat(script(http)).as("HTTP API").isEqualTo(core);
      assertThat(http.transcript()).doesNotContain(FIRST_KEY, SECOND_KEY, ENV_KEY);
    }

    try (HttpService server = HttpService.start(environment(home.resolve("remote")), 0)) {
      Map<String, String> client = Map.of("MODELGATE_API_KEY", server.bootstrapKey().orElseThrow(),
          "MODELGATE_HOME", home.resolve("client").toString());
      CliDoor remote = new CliDoor(null, client, List.of("--server", "http://127.0.0.1:" + server.port()));
      assertThat(script(remote)).as("CLI, remote").isEqualTo(core);
      assertThat(remote.transcript()).doesNotContain(FIRST_KEY, SECOND_KEY, ENV_KEY);
    }
  }

  @Test
  void theOldAiClientsPathServesTheSameProviders() throws IOException {
    try (HttpService server = HttpService.start(environment(home.resolve("alias")), 0)) {
      HttpDoor viaAlias = new HttpDoor("http://127.0.0.1:" + server.port(), server.bootstrapKey().orElseThrow(),
          "/api/admin/ai-clients");
      Outcome added = viaAlias.add(BOX, "openai-compatible", BOX_URL, FIRST_KEY);
      assertThat(added.ok()).as(added.error()).isTrue();
      HttpDoor viaProviders = new HttpDoor("http://127.0.0.1:" + server.port(),
          server.bootstrapKey().orElseThrow());
      assertThat(viaProviders.remove(CONFIGURED).error()).startsWith("provider 'openai' comes from configuration");
      assertThat(viaProviders.remove(BOX).ok()).isTrue();
      assertThat(viaAlias.remove(BOX).error()).isEqualTo("no provider 'box'");
    }
  }

  // ---- the doors --------------------------------------------------------------------------------------------

  /** The core service itself, on in-memory stores, with {@code openai} configured as the environment does. */
  private static final class CoreDoor implements Door {
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final ProviderService service;

    CoreDoor() {
      InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
      new ConfiguredInstances(registry).apply(List.of(ProviderInstance.builder(CONFIGURED, ProviderKind.OPENAI)
          .baseUrl(BOX_URL).credentialRef(CredentialRef.env("OPENAI_API_KEY")).build()));
      service = new ProviderService(registry, new InMemoryCredentialVault(InstantSource.system()),
          new InMemoryAccountStore(), log, InstantSource.system());
    }

    private Outcome run(Supplier<@Nullable ProviderInstance> action) {
      try {
        ProviderInstance p = action.get();
        return p == null ? new Outcome(true, null, null, null, null)
            : new Outcome(true, null, p.displayName(), p.enabled(), null);
      } catch (ModelgateException e) {
        return new Outcome(false, e.getMessage(), null, null, null);
      }
    }

    @Override
    public Outcome add(String id, String kind, @Nullable String baseUrl, String key) {
      ProviderChanges.Builder changes = ProviderChanges.builder();
      if (baseUrl != null) {
        changes.baseUrl(baseUrl);
      }
      return run(() -> service.add("admin", id, ProviderKind.parse(kind), changes.build(), Secret.of(key)));
    }

    @Override
    public Outcome rename(String id, String name) {
      return run(() -> service.update("admin", id, ProviderChanges.builder().name(name).build(), null));
    }

    @Override
    public Outcome disable(String id) {
      return run(() -> service.update("admin", id, ProviderChanges.builder().enabled(false).build(), null));
    }

    @Override
    public Outcome rotate(String id, String key) {
      return run(() -> service.rotateKey("admin", id, Secret.of(key)));
    }

    @Override
    public Outcome remove(String id) {
      return run(() -> {
        service.remove("admin", id);
        return null;
      });
    }

    @Override
    public List<List<String>> audit() {
      return log.recent(10_000).stream().map(ProviderAdministrationDoorsTest::row).toList();
    }

    @Override
    public String transcript() {
      return String.valueOf(audit());
    }
  }

  private static List<String> row(AuditEvent e) {
    List<String> row = new ArrayList<>();
    row.add(e.action());
    row.add(e.target());
    row.add(e.before());
    row.add(e.after());
    return row;
  }

  /** {@code [action, target, before, after]} of each audit event as a JSON answer shows it. */
  private static List<List<String>> rows(List<Map<String, Object>> events) {
    return events.stream().map(e -> {
      List<String> row = new ArrayList<>();
      for (String key : List.of("action", "target", "before", "after")) {
        row.add((String) e.get(key));
      }
      return row;
    }).toList();
  }

  /** The CLI, embedded (no prefix) or remote ({@code --server URL}). */
  private static final class CliDoor implements Door {
    private final @Nullable Backend embedded;
    private final Map<String, String> env;
    private final List<String> prefix;
    private final StringBuilder transcript = new StringBuilder();

    /** Runs with {@code embedded} as the embedded backend when not null (one database pool for every run). */
    CliDoor(@Nullable Backend embedded, Map<String, String> env, List<String> prefix) {
      this.embedded = embedded;
      this.env = env;
      this.prefix = prefix;
    }

    private CliRun cli(String stdin, String... args) {
      List<String> all = new ArrayList<>(prefix);
      all.addAll(List.of(args));
      CliRun r = CliRun.run(embedded, env, stdin, all.toArray(String[]::new));
      transcript.append(r.out()).append(r.err());
      return r;
    }

    private Outcome outcome(CliRun r) {
      if (r.exit() != 0) {
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ");
        return new Outcome(false, r.err().substring("error: ".length()).strip(), null, null, null);
      }
      if (!r.out().startsWith("{")) {
        return new Outcome(true, null, null, null, null);
      }
      Map<String, Object> view = json(r.out());
      return new Outcome(true, null, (String) view.get("name"), (Boolean) view.get("enabled"), null);
    }

    @Override
    public Outcome add(String id, String kind, @Nullable String baseUrl, String key) {
      List<String> args = new ArrayList<>(List.of("providers", "add", id, "--kind", kind, "--json"));
      if (baseUrl != null) {
        args.addAll(List.of("--base-url", baseUrl));
      }
      return outcome(cli(key + "\n", args.toArray(String[]::new)));
    }

    @Override
    public Outcome rename(String id, String name) {
      return outcome(cli("", "providers", "update", id, "--name", name, "--json"));
    }

    @Override
    public Outcome disable(String id) {
      return outcome(cli("", "providers", "update", id, "--disable", "--json"));
    }

    @Override
    public Outcome rotate(String id, String key) {
      return outcome(cli(key + "\n", "providers", "update", id, "--rotate-key", "--json"));
    }

    @Override
    public Outcome remove(String id) {
      return outcome(cli("", "providers", "remove", id));
    }

    @Override
    public List<List<String>> audit() {
      CliRun r = cli("", "audit", "list", "--limit", "10000", "--json");
      assertThat(r.exit()).as(r.err()).isZero();
      return rows(array(r.out()));
    }

    @Override
    public String transcript() {
      return transcript.toString();
    }
  }

  /** The HTTP API, at {@code /api/admin/providers} or the earlier {@code /api/admin/ai-clients}. */
  private static final class HttpDoor implements Door {
    private final String base;
    private final String adminKey;
    private final String path;
    private final HttpClient client = HttpClient.newHttpClient();
    private final StringBuilder transcript = new StringBuilder();

    HttpDoor(String base, String adminKey) {
      this(base, adminKey, "/api/admin/providers");
    }

    HttpDoor(String base, String adminKey, String path) {
      this.base = base;
      this.adminKey = adminKey;
      this.path = path;
    }

    private HttpResponse<String> send(String method, String target, @Nullable Map<String, Object> body) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
          .header("Authorization", "Bearer " + adminKey)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(MOSHI.adapter(Object.class).toJson(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      try {
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        transcript.append(r.body());
        return r;
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Outcome outcome(HttpResponse<String> r) {
      if (r.statusCode() >= 300) {
        assertThat(r.statusCode()).as(r.body()).isIn(400, 404);
        Map<?, ?> error = (Map<?, ?>) json(r.body()).get("error");
        return new Outcome(false, (String) error.get("message"), null, null, null);
      }
      if (r.body().isBlank()) {
        return new Outcome(true, null, null, null, null);
      }
      Map<String, Object> view = json(r.body());
      return new Outcome(true, null, (String) view.get("name"), (Boolean) view.get("enabled"), null);
    }

    @Override
    public Outcome add(String id, String kind, @Nullable String baseUrl, String key) {
      Map<String, Object> body = new HashMap<>(Map.of("id", id, "kind", kind, "key", key));
      if (baseUrl != null) {
        body.put("base_url", baseUrl);
      }
      return outcome(send("POST", path, body));
    }

    @Override
    public Outcome rename(String id, String name) {
      return outcome(send("PATCH", path + "/" + id, Map.of("name", name)));
    }

    @Override
    public Outcome disable(String id) {
      return outcome(send("PATCH", path + "/" + id, Map.of("enabled", false)));
    }

    @Override
    public Outcome rotate(String id, String key) {
      return outcome(send("PATCH", path + "/" + id, Map.of("key", key)));
    }

    @Override
    public Outcome remove(String id) {
      return outcome(send("DELETE", path + "/" + id, null));
    }

    @Override
    public List<List<String>> audit() {
      HttpResponse<String> r = send("GET", "/api/admin/audit?limit=10000", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> data = (List<Map<String, Object>>) json(r.body()).get("data");
      return rows(data);
    }

    @Override
    public String transcript() {
      return transcript.toString();
    }
  }

  private static Map<String, Object> json(String text) {
    try {
      return MOSHI.<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class))
          .fromJson(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, Object>> array(String text) {
    try {
      return MOSHI.<List<Map<String, Object>>>adapter(Types.newParameterizedType(List.class,
          Types.newParameterizedType(Map.class, String.class, Object.class))).fromJson(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
