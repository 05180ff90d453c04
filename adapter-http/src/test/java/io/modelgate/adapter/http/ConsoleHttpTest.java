package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's server side: sign-in sessions and CSRF, the console's files and their headers, /api/events. */
class ConsoleHttpTest {
  private static Harness h;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness(Map.of("MODELGATE_HEALTH_INTERVAL_SECONDS", "0"));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private static HttpResponse<String> signIn(String key) {
    return h.post("/api/session", null, key == null ? "{}" : "{\"key\":\"" + key + "\"}");
  }

  private static String cookieOf(HttpResponse<String> response) {
    String header = response.headers().firstValue("Set-Cookie").orElseThrow();
    return header.substring(0, header.indexOf(';'));
  }

  private static HttpResponse<String> withCookie(String method, String path, String cookie, String csrf, String body) {
    HttpRequest.Builder b = h.request(path, null).header("Cookie", cookie).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    return h.send(b.build());
  }

  @Test
  void signInSetsAnHttpOnlyStrictCookieAndNeverAnswersWithTheKey() {
    HttpResponse<String> in = signIn(h.adminKey);
    assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("mg_session=mgs_").contains("HttpOnly").contains("SameSite=Strict")
        .contains("Path=/").contains("Max-Age=43200").doesNotContain("Secure");
    assertThat(in.body()).doesNotContain(h.adminKey).doesNotContain(h.adminKey.substring(12))
        .contains("\"role\":\"admin\"").contains("\"csrf_token\":\"");
    assertThat(setCookie).doesNotContain(h.adminKey.substring(12));
    assertThat(in.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void overTlsAsAProxySaysTheCookieIsSecure() {
    HttpResponse<String> in = h.send(h.request("/api/session", null).header("X-Forwarded-Proto", "https")
        .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + h.adminKey + "\"}")).build());
    assertThat(in.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
  }

  @Test
  void aBadOrMissingKeyDoesNotSignIn() {
    HttpResponse<String> bad = signIn("mg_00000000_" + "x".repeat(32));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
    HttpResponse<String> missing = signIn(null);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Harness.error(missing).get("param")).isEqualTo("key");
  }

  @Test
  void theCookieAuthenticatesReadsButChangesNeedTheCsrfToken() {
    HttpResponse<String> in = signIn(h.adminKey);
    String cookie = cookieOf(in);
    String csrf = (String) Harness.object(in).get("csrf_token");
    assertThat(withCookie("GET", "/api/users/me", cookie, null, null).statusCode()).isEqualTo(200);
    String body = "{\"name\":\"csrf-org\"}";
    HttpResponse<String> refused = withCookie("POST", "/api/admin/orgs", cookie, null, body);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("X-CSRF-Token");
    assertThat(withCookie("POST", "/api/admin/orgs", cookie, "0".repeat(40), body).statusCode()).isEqualTo(403);
    assertThat(withCookie("POST", "/api/admin/orgs", cookie, csrf, body).statusCode()).isEqualTo(201);
    HttpResponse<String> session = withCookie("GET", "/api/session", cookie, null, null);
    assertThat(Harness.object(session).get("csrf_token")).isEqualTo(csrf);
  }

  @Test
  void signOutEndsTheSessionAndClearsTheCookie() {
    HttpResponse<String> in = signIn(h.adminKey);
    String cookie = cookieOf(in);
    String csrf = (String) Harness.object(in).get("csrf_token");
    HttpResponse<String> out = withCookie("DELETE", "/api/session", cookie, csrf, null);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("mg_session=;").contains("Max-Age=0");
    assertThat(withCookie("GET", "/api/users/me", cookie, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void sessionsAreListedPerUserAndRevocable() {
    String member = h.member("session-member", null);
    HttpResponse<String> in = signIn(member);
    String cookie = cookieOf(in);
    String csrf = (String) Harness.object(in).get("csrf_token");
    HttpResponse<String> list = withCookie("GET", "/api/sessions", cookie, null, null);
    List<Map<String, Object>> sessions = Harness.data(list);
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0)).containsEntry("current", true).containsEntry("active", true);
    assertThat(list.body()).doesNotContain(cookie.substring(cookie.indexOf('=') + 1));
    String adminId = h.userId(h.adminKey);
    assertThat(withCookie("GET", "/api/sessions?user=" + adminId, cookie, null, null).statusCode()).isEqualTo(403);
    HttpResponse<String> asAdmin = h.get("/api/sessions?user=" + h.userId(member), h.adminKey);
    assertThat(Harness.data(asAdmin)).hasSize(1);
    String id = (String) sessions.get(0).get("id");
    assertThat(withCookie("DELETE", "/api/sessions/" + id, cookie, csrf, null).statusCode()).isEqualTo(200);
    assertThat(withCookie("GET", "/api/users/me", cookie, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void theConsoleIsServedWithAStrictPolicyAndLongCachingOnlyForHashedFiles() {
    HttpResponse<String> index = h.get("/console", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'").contains("default-src 'self'").doesNotContain("unsafe-eval")
        .contains("frame-ancestors 'none'");
    assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
    Matcher script = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(index.body());
    assertThat(script.find()).as(index.body()).isTrue();
    assertThat(index.body()).doesNotContain("http://").doesNotContain("https://");
    HttpResponse<String> asset = h.get(script.group(1), null);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
    HttpResponse<String> picker = h.get("/console/picker.js", null);
    assertThat(picker.statusCode()).isEqualTo(200);
    assertThat(picker.body()).contains("modelgate-model-picker");
    assertThat(picker.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(h.get("/console/models", null).body()).isEqualTo(index.body());
    assertThat(h.get("/console/assets/missing-abcdefgh.js", null).statusCode()).isEqualTo(404);
    assertThat(h.get("/console/../pom.xml", null).statusCode()).isIn(400, 404);
  }

  @Test
  void withoutTheBuiltFilesTheConsoleSaysHowToGetIt() {
    ConsoleAssets missing = new ConsoleAssets(new ClassLoader(null) {});
    assertThat(missing.built()).isFalse();
    assertThat(ConsoleAssets.MISSING).contains("Node.js").contains("rebuild");
  }

  @Test
  void eventsStreamCatalogChangesToAdminsAndHidePendingModelsFromMembers() throws Exception {
    String member = h.member("events-member", null);
    h.post("/api/admin/models/discover", h.adminKey, "{\"force\":true}");
    List<String> adminLines = new ArrayList<>();
    List<String> memberLines = new ArrayList<>();
    CompletableFuture<Void> admin = read("/api/events", h.adminKey, null, adminLines, "gpt-4.1-nano");
    CompletableFuture<Void> mem = read("/api/events", member, null, memberLines, "gpt-4.1-nano");
    Thread.sleep(1_500);
    HttpResponse<String> reject = h.post("/api/admin/models/bulk-update", h.adminKey,
        "{\"model_ids\":[\"openai:gpt-4.1\"],\"status\":\"disabled\"}");
    assertThat(reject.statusCode()).as(reject.body()).isEqualTo(200);
    Thread.sleep(1_500);
    HttpResponse<String> enable = h.post("/api/admin/models/bulk-update", h.adminKey,
        "{\"model_ids\":[\"openai:gpt-4.1-nano\"],\"status\":\"enabled\"}");
    assertThat(enable.statusCode()).as(enable.body()).isEqualTo(200);
    admin.get(20, TimeUnit.SECONDS);
    mem.get(20, TimeUnit.SECONDS);
    String adminEvents = String.join("\n", adminLines);
    assertThat(adminEvents).contains("event: model.status").contains("\"model\":\"openai:gpt-4.1-nano\"")
        .contains("\"after\":\"enabled\"").containsPattern("id: \\d+");
    assertThat(adminEvents).contains("\"model\":\"openai:gpt-4.1\"");
    assertThat(String.join("\n", memberLines)).contains("\"model\":\"openai:gpt-4.1-nano\"")
        .as("a pending model rejected is admin business").doesNotContain("\"model\":\"openai:gpt-4.1\"");

    // resuming after an id replays what came after it
    String firstId = adminLines.stream().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4);
    long id = Long.parseLong(firstId);
    List<String> resumed = new ArrayList<>();
    read("/api/events", h.adminKey, String.valueOf(id - 1), resumed, "\"type\":\"model.status\"").get(20, TimeUnit.SECONDS);
    assertThat(String.join("\n", resumed)).contains("id: " + id);
    HttpResponse<String> anonymous = h.get("/api/events", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  /** Reads an event stream until a line contains {@code until}, then closes it. */
  private static CompletableFuture<Void> read(String path, String key, String lastEventId, List<String> lines,
      String until) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key);
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    // Read on a thread of its own, never the caller's: thenAccept runs on the caller when the response has come
    // already, and the test would then read a stream whose next event only its own later requests make (a hang).
    return h.client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()).thenAcceptAsync(r -> {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      try (InputStream in = r.body();
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (lines) {
            lines.add(line);
          }
          if (line.contains(until)) {
            return;
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, task -> Thread.ofVirtual().start(task));
  }
}
