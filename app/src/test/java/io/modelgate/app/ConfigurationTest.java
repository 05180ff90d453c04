package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
  @TempDir
  Path home;

  @Test
  void withNothingSetEveryDefaultHolds() {
    Configuration c = Configuration.load(Map.of(Configuration.HOME, home.toString()));

    assertThat(c.home()).isEqualTo(home);
    assertThat(c.databaseUrl()).isEqualTo("jdbc:h2:file:" + home.resolve("modelgate").toAbsolutePath()
        + ";AUTO_SERVER=TRUE;CACHE_SIZE=8192");
    assertThat(c.masterKey()).isNull();
    assertThat(c.keysetFile()).isEqualTo(home.resolve("master-keyset.json"));
    assertThat(c.file()).isEqualTo(ConfigFile.NONE);
    assertThat(c.defaultModel()).isNull();
    assertThat(c.redisUrl()).isNull();
    assertThat(c.http()).isEqualTo(new HttpSettings("", 8080, List.of(), 10L * 1024 * 1024, null,
        Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(30)));
    assertThat(c.operations()).isEqualTo(OperationsSettings.DEFAULTS);
  }

  @Test
  void operationsSettingsAreReadTyped() {
    Configuration c = Configuration.load(Map.of(Configuration.HOME, home.toString(),
        "MODELGATE_MANAGEMENT_PORT", "9464", "MODELGATE_LOG_FORMAT", "json",
        "MODELGATE_ALERT_WEBHOOK", "https://alerts.example:8443/hooks/abc123?x=1"));

    assertThat(c.operations()).isEqualTo(new OperationsSettings(9464, OperationsSettings.LogFormat.JSON,
        URI.create("https://alerts.example:8443/hooks/abc123?x=1")));
    assertThat(c.operations().alertWebhookOrigin()).isEqualTo("https://alerts.example:8443");
  }

  @Test
  void badOperationsSettingsAreNamedAllAtOnceAndTheWebhookIsNotRepeated() {
    assertThatThrownBy(() -> Configuration.load(Map.of(Configuration.HOME, home.toString(),
        "MODELGATE_MANAGEMENT_PORT", "metrics", "MODELGATE_LOG_FORMAT", "xml",
        "MODELGATE_ALERT_WEBHOOK", "ftp://hooks.example/s3cr3t-path")))
        .hasMessageContaining("3 places")
        .hasMessageContaining("MODELGATE_MANAGEMENT_PORT must be a port number")
        .hasMessageContaining("MODELGATE_LOG_FORMAT: must be 'text' or 'json', was 'xml'")
        .hasMessageContaining("MODELGATE_ALERT_WEBHOOK: must be an http or https URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-path"));
    assertThatThrownBy(() -> Configuration.load(Map.of(Configuration.HOME, home.toString(),
        "MODELGATE_PORT", "9090", "MODELGATE_MANAGEMENT_PORT", "9090")))
        .hasMessage("MODELGATE_MANAGEMENT_PORT must differ from MODELGATE_PORT (9090): /metrics moves to a "
            + "listener of its own");
  }

  @Test
  void everyVariableIsReadTyped() {
    Configuration c = Configuration.load(Map.ofEntries(
        Map.entry("MODELGATE_HOME", home.toString()),
        Map.entry("MODELGATE_DB_URL", " jdbc:postgresql://db/modelgate "),
        Map.entry("MODELGATE_MASTER_KEY", "{\"keyset\":1}"),
        Map.entry("AI_DEFAULT_MODEL", "demo:echo"),
        Map.entry("MODELGATE_REDIS_URL", "redis://127.0.0.1:6379/0"),
        Map.entry("MODELGATE_HOST", "127.0.0.1"),
        Map.entry("MODELGATE_PORT", "9090"),
        Map.entry("MODELGATE_CORS_ORIGINS", "https://a.example/, https://b.example"),
        Map.entry("MODELGATE_MAX_BODY_BYTES", "65536"),
        Map.entry("MODELGATE_ADMIN_KEY", "mg_0a1b2c3d_abcdefghijklmnopq"),
        Map.entry("MODELGATE_HEALTH_INTERVAL_SECONDS", "0"),
        Map.entry("MODELGATE_SSE_KEEPALIVE_SECONDS", "5"),
        Map.entry("MODELGATE_DRAIN_SECONDS", "0")));

    assertThat(c.databaseUrl()).isEqualTo("jdbc:postgresql://db/modelgate");
    assertThat(c.masterKey()).isEqualTo(Secret.of("{\"keyset\":1}"));
    assertThat(c.defaultModel()).isEqualTo(ModelId.parse("demo:echo"));
    assertThat(c.redisUrl()).isEqualTo(URI.create("redis://127.0.0.1:6379/0"));
    assertThat(c.http()).isEqualTo(new HttpSettings("127.0.0.1", 9090, List.of("https://a.example",
        "https://b.example"), 65536, Secret.of("mg_0a1b2c3d_abcdefghijklmnopq"), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ZERO));
  }

  @Test
  void theEnvironmentsDefaultModelWinsOverTheFiles() throws IOException {
    Files.writeString(home.resolve("modelgate.yaml"), "default_model: demo:echo\n");

    assertThat(Configuration.load(Map.of("MODELGATE_HOME", home.toString())).defaultModel())
        .isEqualTo(ModelId.parse("demo:echo"));
    assertThat(Configuration.load(Map.of("MODELGATE_HOME", home.toString(), "MODELGATE_DEFAULT_MODEL",
        "openai:gpt-4o")).defaultModel()).isEqualTo(ModelId.parse("openai:gpt-4o"));
  }

  @Test
  void dataDirectoryFollowsModelgateHomeThenXdgThenHome() {
    assertThat(Configuration.dataDirectory(Map.of("MODELGATE_HOME", "/srv/mg", "XDG_DATA_HOME", "/x")))
        .isEqualTo(Path.of("/srv/mg"));
    assertThat(Configuration.dataDirectory(Map.of("XDG_DATA_HOME", "/x", "HOME", "/home/a")))
        .isEqualTo(Path.of("/x/modelgate"));
    assertThat(Configuration.dataDirectory(Map.of("HOME", "/home/a")))
        .isEqualTo(Path.of("/home/a/.local/share/modelgate"));
  }

  @Test
  void eachWrongVariableIsNamedWithWhatItWas() {
    Map<String, String> wrong = Map.of(
        "MODELGATE_PORT", "70000",
        "MODELGATE_MAX_BODY_BYTES", "lots",
        "MODELGATE_HEALTH_INTERVAL_SECONDS", "-1",
        "MODELGATE_SSE_KEEPALIVE_SECONDS", "0",
        "MODELGATE_DEFAULT_MODEL", "no-colon",
        "MODELGATE_REDIS_URL", "http://127.0.0.1:6379",
        "MODELGATE_ALLOWED_PRIVATE_NETWORKS", "192.168.1.0/99");
    for (Map.Entry<String, String> e : wrong.entrySet()) {
      assertThatThrownBy(() -> Configuration.load(Map.of("MODELGATE_HOME", home.toString(), e.getKey(), e.getValue())))
          .as(e.getKey()).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(e.getKey());
    }
    Map<String, String> all = new java.util.HashMap<>(wrong);
    all.put("MODELGATE_HOME", home.toString());
    assertThatThrownBy(() -> Configuration.load(all)).hasMessageStartingWith("the configuration is wrong in 7 places")
        .hasMessageContaining("MODELGATE_PORT must be a port number (0 picks a free one), was '70000'")
        .hasMessageContaining("MODELGATE_MAX_BODY_BYTES must be a positive number of bytes, was 'lots'");
  }

  @Test
  void aWrongConfigFileIsNamedWithItsEntryAndField() throws IOException {
    Path file = home.resolve("modelgate.yaml");
    Files.writeString(file, "providers:\n  - id: mac\n    kind: ollama\n    approval: sometimes\n");

    assertThatThrownBy(() -> Configuration.load(Map.of("MODELGATE_CONFIG", file.toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(file + ": providers[0]: ")
        .hasMessageContaining("approval");
  }

  @Test
  void secretsDoNotShowInTheSettingsText() {
    Configuration c = Configuration.load(Map.of("MODELGATE_HOME", home.toString(),
        "MODELGATE_MASTER_KEY", "{\"very\":\"secret-keyset\"}", "MODELGATE_ADMIN_KEY", "mg_0a1b2c3d_topsecretadminkey"));
    assertThat(c.toString()).doesNotContain("secret-keyset").doesNotContain("topsecretadminkey");
  }
}
