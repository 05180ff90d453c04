package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.adapter.http.HttpService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command in remote mode, against the real HTTP service started in this process on a free port with its own
 * data directory, authenticated by the bootstrap admin key.
 */
class RemoteCommandsTest extends CommandsContract {
  @TempDir
  static Path home;

  private static HttpService server;
  private static String url;
  private static String adminKey;

  @BeforeAll
  static void startServer() {
    server = HttpService.start(Map.of("MODELGATE_HOME", home.toString()), 0);
    url = "http://127.0.0.1:" + server.port();
    adminKey = server.bootstrapKey().orElseThrow();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** The client's environment: only the key; no data directory, so nothing can fall back to embedded mode. */
  private static CliRun remote(Map<String, String> env, String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("--server", url));
    all.addAll(List.of(args));
    return CliRun.run(env, stdin, all.toArray(String[]::new));
  }

  @Override
  CliRun runWith(String stdin, String... args) {
    return remote(Map.of("MODELGATE_API_KEY", adminKey, "MODELGATE_HOME", home.resolve("client").toString()),
        stdin, args);
  }

  @Override
  List<String> keysOwner() {
    return List.of();
  }


  @Override
  boolean keepsQuotas() {
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/openapi.json")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("/api/admin/quotas/");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anUnreachableServerIsAClearFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CliRun r = CliRun.run(Map.of("MODELGATE_API_KEY", adminKey), "", "--server", "http://127.0.0.1:" + port,
        "models", "list");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: cannot reach the server at http://127.0.0.1:" + port
        + ": connection refused" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMissingOrWrongKeyIsRefusedWithAHint() {
    CliRun none = remote(Map.of(), "", "models", "list");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).startsWith("error: ").contains("MODELGATE_API_KEY").doesNotContain("Exception");
    CliRun wrong = remote(Map.of("MODELGATE_API_KEY", "mg_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "",
        "users", "list");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("invalid gateway key").doesNotContain("mg_00000000_AAAA");
  }

  @Test
  void aMemberMayChatButNotAdminister() throws IOException {
    String user = (String) object(run("users", "create", "--name", unique("member"), "--json")).get("id");
    String key = run("gateway-keys", "create", "--user", user).out().strip();
    Map<String, String> env = Map.of("MODELGATE_API_KEY", key);
    CliRun chat = remote(env, "", "chat", "-m", "demo:echo", "Hi");
    assertThat(chat.exit()).as(chat.err()).isZero();
    assertThat(chat.out()).isEqualTo("Echo: Hi" + System.lineSeparator());
    CliRun admin = remote(env, "", "users", "list");
    assertThat(admin.exit()).isEqualTo(1);
    assertThat(admin.err()).contains("admin");
    CliRun models = remote(env, "", "models", "list", "--category", "text", "--json");
    assertThat(models.exit()).as(models.err()).isZero();
    assertThat(models.out()).contains("\"id\": \"demo:echo\"").doesNotContain("demo:embed");
  }

  @Test
  void keysAreTheCallersOwnInRemoteMode() {
    CliRun r = run("keys", "list", "--user", "usr_someone");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("caller's own");
  }
}
