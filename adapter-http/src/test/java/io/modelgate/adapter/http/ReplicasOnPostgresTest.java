package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.persistence.JdbiStores;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7's acceptance on PostgreSQL: two gateway processes ({@link HttpService#main}, started from the test class
 * path) share one database in a fresh schema, with an OpenAI upstream on MockWebServer whose {@code gpt-4o-mini}
 * has the curated price (0.15 / 0.60 / cached 0.075 USD per million tokens), so costs are not zero: the demo models
 * are free, and a cost check on zeros would prove nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ReplicasOnPostgresTest {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final String MINI = "openai:gpt-4o-mini";
  private static final Duration PROPAGATION = Duration.ofSeconds(2);
  private static final String CACHED_SSE = """
      data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,\
      "delta":{"role":"assistant","content":"from the cache"},"finish_reason":null}]}

      data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,\
      "delta":{},"finish_reason":"stop"}]}

      data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":\
      {"prompt_tokens":2000,"completion_tokens":100,"total_tokens":2100,"prompt_tokens_details":{"cached_tokens":1500},\
      "completion_tokens_details":{"reasoning_tokens":0}}}

      data: [DONE]

      """;

  private final MockWebServer upstream = new MockWebServer();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String schema = "mg_replicas_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  private final List<Replica> replicas = new ArrayList<>();
  private Path home;
  private Map<String, String> env;
  private String admin;
  private Replica a;
  private Replica b;
  private JdbiStores database;

  @BeforeAll
  void start() throws Exception {
    ensurePostgresRunning();
    try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    upstream.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return route(request);
      }
    });
    upstream.start();
    home = Files.createTempDirectory("modelgate-replicas");
    Path logback = home.resolve("logback.xml");
    Files.writeString(logback, """
        <configuration><appender name="out" class="ch.qos.logback.core.ConsoleAppender"><encoder>\
        <pattern>%d %level %logger{20} - %msg%n</pattern></encoder></appender>\
        <root level="WARN"><appender-ref ref="out"/></root></configuration>""");
    AeadConfig.register();
    String masterKey = TinkJsonProtoKeysetFormat.serializeKeyset(
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
    admin = "mg_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + "_"
        + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    env = new HashMap<>();
    env.put("MODELGATE_DB_URL", POSTGRES + "&currentSchema=" + schema);
    env.put("MODELGATE_MASTER_KEY", masterKey);
    env.put("MODELGATE_ADMIN_KEY", admin);
    env.put("MODELGATE_HOME", home.toString());
    env.put("OPENAI_API_KEY", "sk-test-upstream-secret-1234567890");
    env.put("OPENAI_BASE_URL", upstream.url("/v1").toString());
    env.put("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=" + logback);
    // One after the other: the first creates the schema and the admin, the second finds them.
    a = start("a");
    b = start("b");
    database = JdbiStores.builder(env.get("MODELGATE_DB_URL")).masterKey(masterKey).maxPoolSize(2).open();
    HttpResponse<String> enabled = a.send("PATCH", "/api/admin/models/" + MINI, admin, "{\"status\":\"enabled\"}");
    assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      for (Replica r : replicas) {
        r.close();
      }
      if (database != null) {
        database.close();
      }
      upstream.close();
    } finally {
      try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      if (home != null) {
        try (Stream<Path> files = Files.walk(home)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static MockResponse route(RecordedRequest request) {
    String target = request.getTarget();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (target.endsWith("/models")) {
      return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
          {"object":"list","data":[
            {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
            {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
            {"id":"gpt-4.1","object":"model","created":1744316542,"owned_by":"system"}]}""").build();
    }
    String sse = body.contains("cached-please") ? CACHED_SSE
        : Fixtures.read("openai/chat_completions_stream_text_with_usage.sse");
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(sse).build();
  }

  // ---- the acceptance tests -------------------------------------------------------------------------------------

  @Test
  void fourHundredConcurrentCallsAgainstALimitOfOneHundredServeExactlyOneHundred() throws Exception {
    String key = member(a, "hundred", null);
    String user = userId(b, key);
    HttpResponse<String> put = a.send("PUT", "/api/admin/quotas/user/" + user, admin, "{\"requests_per_day\":100}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    List<Future<HttpResponse<String>>> calls = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(64, Thread.ofVirtual().factory())) {
      for (int i = 0; i < 400; i++) {
        Replica to = i % 2 == 0 ? a : b;
        calls.add(pool.submit(() -> to.send("POST", "/v1/chat/completions", key,
            "{\"model\":\"" + MINI + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
      }
    }
    int served = 0;
    int refused = 0;
    HttpResponse<String> aRefusal = null;
    for (Future<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.get();
      if (r.statusCode() == 200) {
        served++;
      } else if (r.statusCode() == 429) {
        refused++;
        aRefusal = r;
      } else {
        throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
      }
    }
    assertThat(served).isEqualTo(100);
    assertThat(refused).isEqualTo(300);
    assertThat(aRefusal.headers().firstValue("retry-after")).isPresent();
    assertThat((String) error(aRefusal).get("message")).contains("requests_per_day limit of 100");

    // Usage records and the settlements of counters without a limit commit a flush interval after the call.
    until(() -> database.usage().find(new UsageQuery(null, null, user, null, null, 10_000)).size() >= 100);
    List<UsageRecord> records = database.usage().find(new UsageQuery(null, null, user, null, null, 10_000));
    assertThat(records).hasSize(100).allMatch(r -> r.outcome() == UsageOutcome.SUCCESS);
    BigDecimal logged = records.stream().map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    QuotaAmount ledger = database.quota().read(new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, user),
        QuotaWindow.MONTH, QuotaWindow.MONTH.periodOf(Instant.now())));
    assertThat(ledger.requests()).isEqualTo(100);
    assertThat(logged.signum()).isPositive();
    assertThat(ledger.usd().setScale(2, RoundingMode.HALF_UP)).isEqualTo(logged.setScale(2, RoundingMode.HALF_UP));
    assertThat(ledger.usd()).isEqualByComparingTo(logged);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> totals = (List<Map<String, Object>>) object(
        b.send("GET", "/api/admin/usage?group_by=user&user=" + user, admin, null)).get("totals");
    assertThat(totals).singleElement().satisfies(t -> {
      assertThat(((Number) t.get("requests")).longValue()).isEqualTo(100);
      assertThat(new BigDecimal(String.valueOf(t.get("cost_usd")))).isEqualByComparingTo(logged);
    });
  }

  @Test
  void aKeyRevokedOnOneReplicaIsRefusedByTheOtherWithinTwoSeconds() throws Exception {
    String key = member(a, "revoked", null);
    assertThat(b.send("GET", "/v1/models", key, null).statusCode()).isEqualTo(200);
    assertThat(a.send("DELETE", "/api/admin/keys/" + key.substring(0, 11), admin, null).statusCode())
        .isEqualTo(204);
    Duration took = until(() -> b.send("GET", "/v1/models", key, null).statusCode() == 401);
    assertThat(took).isLessThan(PROPAGATION);
  }

  @Test
  void aModelEnabledOnOneReplicaIsServedByTheOtherWithinTwoSeconds() throws Exception {
    String chat = "{\"model\":\"openai:gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    assertThat(b.send("POST", "/v1/chat/completions", admin, chat).statusCode()).isEqualTo(409);
    assertThat(a.send("PATCH", "/api/admin/models/openai:gpt-4o", admin, "{\"status\":\"enabled\"}").statusCode())
        .isEqualTo(200);
    Duration took = until(() -> b.send("POST", "/v1/chat/completions", admin, chat).statusCode() == 200);
    assertThat(took).isLessThan(PROPAGATION);
    assertThat(a.send("PATCH", "/api/admin/models/openai:gpt-4o", admin, "{\"status\":\"disabled\"}").statusCode())
        .isEqualTo(200);
    Duration off = until(() -> b.send("POST", "/v1/chat/completions", admin, chat).statusCode() == 503);
    assertThat(off).isLessThan(PROPAGATION);
  }

  @Test
  void aModelDisabledOnOneReplicaLeavesTheOthersPreparedListsWithinTwoSeconds() throws Exception {
    String key = member(a, "lister", null);
    String model = "\"openai:gpt-4o\"";
    assertThat(a.send("PATCH", "/api/admin/models/openai:gpt-4o", admin, "{\"status\":\"enabled\"}").statusCode())
        .isEqualTo(200);
    until(() -> b.send("GET", "/v1/models", key, null).body().contains(model));
    // Given again from memory on B, until A's change reaches it.
    assertThat(b.send("GET", "/ai/models", key, null).body()).contains(model);
    assertThat(b.send("GET", "/v1/models", key, null).body()).contains(model);

    assertThat(a.send("PATCH", "/api/admin/models/openai:gpt-4o", admin, "{\"status\":\"disabled\"}").statusCode())
        .isEqualTo(200);
    Duration gone = until(() -> !b.send("GET", "/v1/models", key, null).body().contains(model)
        && !b.send("GET", "/ai/models", key, null).body().contains(model));
    assertThat(gone).isLessThan(PROPAGATION);
  }

  @Test
  void aFallbackToAModelTheOrgMayNotUseIsRefused() throws Exception {
    HttpResponse<String> org = a.send("POST", "/api/admin/orgs", admin, "{\"name\":\"Old models only\"}");
    String orgId = (String) object(org).get("id");
    assertThat(a.send("PUT", "/api/admin/orgs/" + orgId + "/allowed-models", admin,
        "{\"allowed_models\":[\"openai:gpt-4.1\"]}").statusCode()).isEqualTo(200);
    assertThat(a.send("POST", "/api/admin/models/migrations", admin, "{\"from\":\"openai:gpt-4.1\",\"to\":\""
        + MINI + "\",\"reason\":\"renamed\",\"automatic\":true}").statusCode()).isEqualTo(201);
    assertThat(a.send("PATCH", "/api/admin/models/openai:gpt-4.1", admin, "{\"status\":\"deprecated\"}")
        .statusCode()).isEqualTo(200);
    String member = member(a, "old-timer", orgId);
    String chat = "{\"model\":\"openai:gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> refused = b.send("POST", "/v1/chat/completions", member, chat);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat((String) error(refused).get("message"))
        .contains("migration target " + MINI + " is not allowed");
    HttpResponse<String> outsider = b.send("POST", "/v1/chat/completions", admin, chat);
    assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(200);
    assertThat(outsider.headers().firstValue("x-modelgate-model")).hasValue(MINI);
  }

  @Test
  void aUsdBudgetStopsCallsAtTheFirstOneThatCouldPassIt() throws Exception {
    String key = member(a, "budget", null);
    String user = userId(a, key);
    BigDecimal budget = new BigDecimal("0.0001");
    assertThat(a.send("PUT", "/api/admin/quotas/user/" + user, admin, "{\"usd_per_month\":\"0.0001\"}")
        .statusCode()).isEqualTo(200);
    String chat = "{\"model\":\"" + MINI + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]}";
    List<BigDecimal> costs = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      HttpResponse<String> r = (i % 2 == 0 ? a : b).send("POST", "/v1/chat/completions", key, chat);
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        costs.add(new BigDecimal(r.headers().firstValue("x-modelgate-cost-usd").orElseThrow()));
      }
    }
    assertThat(refused).as("a call refused within 20").isNotNull();
    assertThat(costs).isNotEmpty();
    String message = (String) error(refused).get("message");
    assertThat(error(refused)).containsEntry("param", "usd_per_month");
    Matcher m = Pattern.compile("reached: ([0-9.E-]+) used; this call may cost up to ([0-9.E-]+) USD")
        .matcher(message);
    assertThat(m.find()).as(message).isTrue();
    BigDecimal used = new BigDecimal(m.group(1));
    BigDecimal worstCase = new BigDecimal(m.group(2));
    BigDecimal spent = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(used).isEqualByComparingTo(spent);
    // The refused call could have passed the budget; the last one served could not, with the same worst case.
    assertThat(spent.add(worstCase)).isGreaterThan(budget);
    assertThat(spent.subtract(costs.getLast()).add(worstCase)).isLessThanOrEqualTo(budget);
    assertThat(refused.headers().firstValue("x-ratelimit-limit-usd-per-month")).hasValue("0.0001");
  }

  @Test
  void cachedInputIsPricedAtItsOwnRate() throws Exception {
    String key = member(b, "cached", null);
    HttpResponse<String> r = b.send("POST", "/v1/chat/completions", key,
        "{\"model\":\"" + MINI + "\",\"messages\":[{\"role\":\"user\",\"content\":\"cached-please\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // 500 uncached × 0.15 + 1500 cached × 0.075 + 100 output × 0.60 = 247.5 USD per million calls like it
    BigDecimal expected = new BigDecimal("0.0002475");
    assertThat(new BigDecimal(r.headers().firstValue("x-modelgate-cost-usd").orElseThrow()))
        .isEqualByComparingTo(expected);
    UsageQuery query = new UsageQuery(null, null, userId(b, key), null, null, 10);
    until(() -> !database.usage().find(query).isEmpty());
    assertThat(database.usage().find(query)).singleElement().satisfies(u -> {
      assertThat(u.usage().cachedTokens()).isEqualTo(1500);
      assertThat(u.costUsd()).isEqualByComparingTo(expected);
    });
  }

  // ---- crash safety of the usage log (written in batches off the request path) --------------------------------

  @Test
  void stoppedUnderLoadEveryServedCallHasItsUsageRecordAndItsCount() throws Exception {
    String key = member(a, "sigterm", null);
    String user = userId(a, key);
    Replica c = start("c-sigterm");

    Load load = underLoad(c, key, () -> c.process().destroy());

    assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).as("stops after the drain").isTrue();
    assertThat(c.process().exitValue()).isZero();
    List<UsageRecord> records = database.usage().find(new UsageQuery(null, null, user, null, null, 100_000));
    Set<String> recorded = records.stream().map(UsageRecord::requestId).collect(Collectors.toSet());
    System.out.printf("SIGTERM under load: %d calls served, %d usage records%n", load.served().size(),
        records.size());
    assertThat(load.served()).as("calls served before the signal").hasSizeGreaterThan(10);
    assertThat(load.served()).extracting(Served::requestId).allMatch(recorded::contains);
    QuotaAmount month = database.quota().read(new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, user),
        QuotaWindow.MONTH, QuotaWindow.MONTH.periodOf(Instant.now())));
    assertThat(month.requests()).as("counted with their records, though the user has no limit")
        .isEqualTo(records.size());
    assertThat(month.tokens()).isEqualTo(records.stream().mapToLong(r -> r.usage().totalTokens()).sum());
  }

  @Test
  void killedUnderLoadItLosesAtMostTheLastFlushIntervalAndNoLimitedCounterCountsLessThanServed() throws Exception {
    String key = member(a, "sigkill", null);
    String user = userId(a, key);
    HttpResponse<String> put = a.send("PUT", "/api/admin/quotas/user/" + user, admin,
        "{\"requests_per_day\":1000000,\"tokens_per_month\":1000000000}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    Replica c = start("c-sigkill");

    Load load = underLoad(c, key, () -> c.process().destroyForcibly());

    assertThat(c.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Set<String> recorded = database.usage().find(new UsageQuery(null, null, user, null, null, 100_000)).stream()
        .map(UsageRecord::requestId).collect(Collectors.toSet());
    long missing = load.served().stream().filter(s -> !recorded.contains(s.requestId())).count();
    long lastInterval = load.served().stream()
        .filter(s -> s.atNanos() >= load.stoppedAtNanos() - Duration.ofMillis(100).toNanos()).count();
    System.out.printf("kill -9 under load: %d calls served, %d without a usage record; %d were served in the "
        + "last 100 ms before the kill%n", load.served().size(), missing, lastInterval);
    assertThat(load.served()).as("calls served before the kill").hasSizeGreaterThan(10);
    assertThat(missing).as("records lost").isLessThanOrEqualTo(lastInterval);
    QuotaSubject subject = new QuotaSubject(QuotaSubject.Kind.USER, user);
    QuotaAmount day = database.quota().read(new QuotaCounterKey(subject, QuotaWindow.DAY,
        QuotaWindow.DAY.periodOf(Instant.now())));
    QuotaAmount month = database.quota().read(new QuotaCounterKey(subject, QuotaWindow.MONTH,
        QuotaWindow.MONTH.periodOf(Instant.now())));
    assertThat(day.requests()).as("requests per day").isGreaterThanOrEqualTo(load.served().size());
    assertThat(month.tokens()).as("tokens per month")
        .isGreaterThanOrEqualTo(load.served().stream().mapToLong(Served::tokens).sum());
  }

  /** A call answered 200: its request id, when its answer arrived, and the tokens it reported. */
  private record Served(String requestId, long atNanos, long tokens) {}

  /** The calls served while {@link #underLoad} ran, and when it stopped the replica. */
  private record Load(List<Served> served, long stoppedAtNanos) {}

  /**
   * Sixteen callers keep chatting with {@code to} for three seconds from its first answer, then {@code stop} runs
   * while they go on.
   */
  private Load underLoad(Replica to, String key, Runnable stop) throws Exception {
    List<Served> served = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    String chat = "{\"model\":\"" + MINI + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    long stoppedAt;
    try (ExecutorService callers = Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
      for (int i = 0; i < 16; i++) {
        callers.submit(() -> {
          while (running.get()) {
            try {
              HttpResponse<String> r = to.send("POST", "/v1/chat/completions", key, chat);
              if (r.statusCode() == 200) {
                long now = System.nanoTime();
                @SuppressWarnings("unchecked")
                Map<String, Object> usage = (Map<String, Object>) object(r).get("usage");
                served.add(new Served(r.headers().firstValue("x-modelgate-request-id").orElseThrow(), now,
                    ((Number) usage.get("total_tokens")).longValue()));
              }
            } catch (IOException e) {
              Thread.sleep(5); // stopping or gone
            }
          }
          return null;
        });
      }
      // A new replica's first calls load and compile what serving needs (seconds on a busy machine): the three
      // seconds of load start once it has served one.
      long warm = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (served.isEmpty() && System.nanoTime() - warm < 0) {
        Thread.sleep(20);
      }
      Thread.sleep(3_000);
      stoppedAt = System.nanoTime();
      stop.run();
      Thread.sleep(1_000);
      running.set(false);
    }
    return new Load(List.copyOf(served), stoppedAt);
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private String member(Replica via, String name, String org) throws Exception {
    HttpResponse<String> user = via.send("POST", "/api/admin/users", admin,
        "{\"name\":\"" + name + "\",\"role\":\"member\"" + (org == null ? "" : ",\"org_id\":\"" + org + "\"") + "}");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
    HttpResponse<String> key = via.send("POST", "/api/admin/users/" + object(user).get("id") + "/keys", admin,
        "{\"name\":\"test\"}");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    return (String) object(key).get("key");
  }

  private static String userId(Replica via, String key) throws Exception {
    return (String) object(via.send("GET", "/api/users/me", key, null)).get("id");
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  /** How long until {@code check} holds; fails after five seconds. */
  /**
   * How long after now the change was seen: the start of the first probe that saw it, an upper bound on when the
   * other replica knew (the probe's own time to answer, long on a loaded machine, is not propagation).
   */
  private static Duration until(Check check) throws Exception {
    long started = System.nanoTime();
    while (true) {
      long probe = System.nanoTime();
      if (check.holds()) {
        return Duration.ofNanos(probe - started);
      }
      if (System.nanoTime() - started > 5_000_000_000L) {
        throw new AssertionError("did not happen within 5 s");
      }
      Thread.sleep(20);
    }
  }

  private Replica start(String name) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = home.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:off", "-cp", classPath,
        HttpService.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    builder.environment().put("MODELGATE_PORT", Integer.toString(port));
    Replica replica = new Replica(builder.start(), port, log, client);
    replicas.add(replica);
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (!Files.readString(log).contains("Modelgate listening on")) {
      if (!replica.process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("replica " + name + " did not start:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return replica;
  }

  /** One gateway process. */
  private record Replica(Process process, int port, Path log, HttpClient client) {
    HttpResponse<String> send(String method, String path, String key, String json)
        throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static void ensurePostgresRunning() throws IOException, InterruptedException {
    if (postgresAnswers()) {
      return;
    }
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      for (Path version : versions.toList()) {
        new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version.getFileName().toString(), "main",
            "start").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
      }
    }
    for (int i = 0; i < 60 && !postgresAnswers(); i++) {
      Thread.sleep(500);
    }
    assertThat(postgresAnswers()).as("PostgreSQL on 127.0.0.1:5432 answers").isTrue();
  }

  private static boolean postgresAnswers() {
    try (Connection c = DriverManager.getConnection(POSTGRES)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
