package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path home;

  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    env = Map.of("MODELGATE_HOME", home.toString());
  }

  private CliRun run(String... args) {
    return CliRun.run(env, "", args);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> jsonList(String text) throws IOException {
    return (List<Map<String, Object>>) new Moshi.Builder().build()
        .adapter(Types.newParameterizedType(List.class, Object.class)).fromJson(text);
  }

  @Test
  void chatStreamsTheDemoReply() {
    CliRun r = run("chat", "-m", "demo:echo", "Hello", "world");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("Echo: Hello world" + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void chatReadsThePromptFromStandardInput() {
    CliRun r = CliRun.run(env, "from stdin\n", "chat", "-m", "demo:echo", "-");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Echo: from stdin");
  }

  @Test
  void chatJsonPrintsTheRouteAndUsage() throws IOException {
    CliRun r = run("chat", "-m", "demo:echo", "--json", "Hi");
    assertThat(r.exit()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
        .fromJson(r.out());
    assertThat(json).containsEntry("model", "demo:echo").containsEntry("text", "Echo: Hi")
        .containsEntry("finish_reason", "stop");
    assertThat((Map<String, Object>) json.get("usage")).containsEntry("completion_tokens", 3.0);
    assertThat((Map<String, Object>) json.get("route")).containsEntry("source", "request");
  }

  @Test
  void chatWithAnUnknownModelFailsWithExitCodeOne() {
    CliRun r = run("chat", "-m", "demo:nope", "Hi");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("error:").contains("demo:nope");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void modelsListShowsTheDemoModelsAsATable() {
    CliRun r = run("models", "list");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("STATUS");
    assertThat(r.out()).contains("demo:echo").contains("demo:embed");
  }

  @Test
  void modelsListJsonHasTheDocumentedShape() throws IOException {
    CliRun r = run("models", "list", "--category", "text", "--json");
    assertThat(r.exit()).isZero();
    List<Map<String, Object>> models = jsonList(r.out());
    assertThat(models).singleElement().satisfies(m -> {
      assertThat(m).containsKeys("id", "provider", "kind", "category", "name", "status", "source",
          "context_window", "max_output_tokens", "capabilities", "pricing", "discovered_at", "successor");
      assertThat(m).containsEntry("id", "demo:echo").containsEntry("status", "enabled");
    });
  }

  @Test
  void disablingAModelTakesItOutOfRouting() {
    CliRun r = run("models", "disable", "demo:echo", "demo:embed");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("demo:echo: disabled").contains("demo:embed: disabled");
  }

  @Test
  void stateLastsAcrossRunsInTheEmbeddedDatabase() throws IOException {
    assertThat(run("models", "disable", "demo:embed").exit()).isZero();
    List<Map<String, Object>> models = jsonList(run("models", "list", "--json").out());
    assertThat(models).filteredOn(m -> m.get("id").equals("demo:embed"))
        .singleElement().satisfies(m -> assertThat(m).containsEntry("status", "disabled"));
    assertThat(home.resolve("modelgate.mv.db")).exists();
  }

  @Test
  void aBadIdIsBadUsageWithExitCodeTwo() {
    CliRun r = run("models", "enable", "no-colon");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("has no ':'");
  }

  @Test
  void anUnknownIdAmongGoodOnesFailsOnlyThatOne() {
    CliRun r = run("models", "deprecate", "demo:embed", "demo:ghost");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("demo:embed: deprecated");
    assertThat(r.err()).contains("demo:ghost");
  }

  @Test
  void anUnknownCommandIsBadUsage() {
    CliRun r = run("models", "frobnicate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument");
  }

  @Test
  void discoverPrintsALinePerProvider() {
    CliRun r = run("models", "discover", "--force");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("demo: listed 3, new 3");
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    List<List<String>> paths = new java.util.ArrayList<>();
    walk(new Cli(env, System.in, new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()), false).commands(), List.of(), paths);
    assertThat(paths).hasSizeGreaterThan(30).contains(List.of("models", "default", "set"),
        List.of("providers", "add"), List.of("gateway-keys", "revoke"), List.of("usage", "report"));
    for (List<String> path : paths) {
      List<String> args = new java.util.ArrayList<>(path);
      args.add("--help");
      CliRun r = run(args.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage:").containsIgnoringCase("example")
          .contains("modelgate " + String.join(" ", path));
      assertThat(r.err()).isEmpty();
    }
  }

  private static void walk(picocli.CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        List<String> next = new java.util.ArrayList<>(path);
        next.add(name);
        walk(sub, next, paths);
      }
    });
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    CliRun r = run("completion", "bash");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F _complete_modelgate").contains("gateway-keys")
        .contains("discover");
    assertThat(run("completion", "fish").exit()).isEqualTo(2);
  }

  @Test
  void serveRefusesABadPort() {
    CliRun r = run("serve", "--port", "70000");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --port must be between 0 and 65535, was 70000" + System.lineSeparator());
  }

  @Test
  void aServerUrlMustBeHttp() {
    CliRun r = run("--server", "localhost:8080", "models", "list");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--server must start with http://");
  }
}
