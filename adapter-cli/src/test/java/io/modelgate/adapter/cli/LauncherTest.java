package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache ({@code ./modelgate}, copied with its libraries into a directory of its own and run
 * with a stand-in JVM): the cache a run writes at its exit is used by later starts only if that run did its work.
 */
class LauncherTest {
  /** Logs its arguments, writes the cache it is asked to make (STUB_CACHE, as the JVM does at exit, whatever the run
   * did) and the mark of a run that did its work when STUB_MARK says one, then exits with STUB_EXIT. */
  private static final String JVM = """
      #!/usr/bin/env bash
      printf '%s\\n' "$*" >> "$STUB_ARGS"
      for a in "$@"; do
        case "$a" in
          -XX:AOTCacheOutput=*) echo "$STUB_CACHE" > "${a#*=}" ;;
          -XX:SharedArchiveFile=*) archive=${a#*=} ;;
          -XX:+AutoCreateSharedArchive) [ -f "$archive" ] || echo cache > "$archive" ;;
          -Dmodelgate.startupCache.mark=*) [ -z "$STUB_MARK" ] || printf %s "$STUB_MARK" > "${a#*=}" ;;
        esac
      done
      exit "$STUB_EXIT"
      """;

  /** A cache's bytes name the classes it holds; this one holds Flyway's migration. */
  private static final Map<String, String> MIGRATED = Map.of("STUB_CACHE",
      "classes org/flywaydb/core/internal/command/DbMigrate more");

  @TempDir
  Path dir;
  private Path root;
  private Path target;
  private Path jdk;

  @BeforeEach
  void setUp() throws IOException {
    Path source = Path.of(System.getProperty("user.dir")).getParent();
    root = dir.resolve("root");
    target = root.resolve("adapter-cli/target");
    Files.createDirectories(target.resolve("lib"));
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(source.resolve("modelgate"), root.resolve("modelgate"));
    Files.copy(source.resolve("scripts/find-jdk.sh"), root.resolve("scripts/find-jdk.sh"));
    jdk = dir.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Files.createDirectories(jdk.resolve("lib"));
    executable(jdk.resolve("bin/java"), JVM);
    executable(jdk.resolve("bin/javac"), "#!/bin/sh\n");
    jdk(25);
    for (Path built : List.of(target.resolve("modelgate-cli.jar"), target.resolve("lib/dependency.jar"),
        jdk.resolve("lib/modules"))) {
      Files.writeString(built, "");
      Files.setLastModifiedTime(built, FileTime.from(Instant.now().minusSeconds(3600)));
    }
  }

  private void jdk(int feature) throws IOException {
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + feature + ".0.1\"\n");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** What one run of the launcher passed to the JVM, and how it exited. */
  private record Run(int exit, String jvmArgs) {
    boolean makes(Path file) {
      return jvmArgs.contains("-XX:AOTCacheOutput=" + file)
          || jvmArgs.contains("-XX:SharedArchiveFile=" + file + " -XX:+AutoCreateSharedArchive");
    }
  }

  /** Runs {@code ./modelgate args} with a JVM that leaves {@code mark} (none when empty) and exits with {@code exit}. */
  private Run launch(String mark, int exit, String... args) throws Exception {
    return launch(Map.of(), mark, exit, args);
  }

  private Run launch(Map<String, String> env, String mark, int exit, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "args", ".txt");
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("modelgate").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("MODELGATE_JAVA_OPTS");
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder.environment().put("STUB_ARGS", log.toString());
    builder.environment().put("STUB_MARK", mark);
    builder.environment().put("STUB_EXIT", Integer.toString(exit));
    builder.environment().put("STUB_CACHE", "classes io/modelgate/adapter/cli/Main more");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).as("the launcher's own output").isEmpty();
    return new Run(process.exitValue(), Files.readString(log).strip());
  }

  @Test
  void aServeThatFailedLeavesNoCacheAndTheNextServeMakesOneAgain() throws Exception {
    Path cache = target.resolve("modelgate-jdk25-serve.aot");
    Path made = target.resolve("modelgate-jdk25-serve-new.aot");

    Run failed = launch("", 1, "serve");
    assertThat(failed.exit()).as("the JVM's exit status").isEqualTo(1);
    assertThat(failed.makes(made)).as(failed.jvmArgs()).isTrue();
    assertThat(failed.jvmArgs()).contains("-Dmodelgate.startupCache.mark=" + target.resolve("modelgate-jdk25-serve-new.ok"));

    Run served = launch("serve", 0, "serve");
    assertThat(served.makes(made)).as("the failed run's cache is not used").isTrue();
    assertThat(served.jvmArgs()).doesNotContain("-XX:AOTCache=");

    Run next = launch("", 0, "serve");
    assertThat(next.jvmArgs()).contains("-XX:AOTCache=" + cache).doesNotContain("AOTCacheOutput")
        .doesNotContain("startupCache.mark");
    assertThat(cache).exists();
    assertThat(made).doesNotExist();
    assertThat(launch("", 0, "serve").jvmArgs()).as("kept").contains("-XX:AOTCache=" + cache);
  }

  @Test
  void aCacheMadeByARunThatMigratedTheDatabaseIsMadeOnceMoreByTheNextRun() throws Exception {
    Path cache = target.resolve("modelgate-jdk25-serve.aot");
    Path made = target.resolve("modelgate-jdk25-serve-new.aot");

    launch(MIGRATED, "serve", 0, "serve");
    Run restart = launch("serve", 0, "serve");
    assertThat(restart.makes(made)).as("made again: " + restart.jvmArgs()).isTrue();
    assertThat(cache).doesNotExist();
    Run next = launch("", 0, "serve");
    assertThat(next.jvmArgs()).contains("-XX:AOTCache=" + cache);
    assertThat(Files.readString(cache)).doesNotContain("flywaydb");
  }

  @Test
  void aDatabaseNewAtEveryRunHasItsCacheMadeOnlyTwice() throws Exception {
    launch(MIGRATED, "serve", 0, "serve");
    assertThat(launch(MIGRATED, "serve", 0, "serve").makes(target.resolve("modelgate-jdk25-serve-new.aot"))).isTrue();
    assertThat(launch(MIGRATED, "", 0, "serve").jvmArgs())
        .contains("-XX:AOTCache=" + target.resolve("modelgate-jdk25-serve.aot"));
  }

  @Test
  void serveHelpDoesNotMakeServesCache() throws Exception {
    launch("cli", 0, "serve", "--help");
    Run serve = launch("serve", 0, "serve");
    assertThat(serve.makes(target.resolve("modelgate-jdk25-serve-new.aot"))).as(serve.jvmArgs()).isTrue();
  }

  @Test
  void theOtherCommandsKeepACacheOfTheirOwnFromACommandThatSucceeded() throws Exception {
    Path cache = target.resolve("modelgate-jdk25-cli.aot");
    launch("", 2, "models", "lst");
    assertThat(launch("cli", 0, "models", "list").makes(target.resolve("modelgate-jdk25-cli-new.aot"))).isTrue();
    assertThat(launch("", 0, "chat", "-m", "demo:echo", "hi").jvmArgs()).contains("-XX:AOTCache=" + cache);
    assertThat(launch("", 0, "serve").makes(target.resolve("modelgate-jdk25-serve-new.aot")))
        .as("serve's cache is its own").isTrue();
  }

  @Test
  void aCacheOlderThanTheJarIsMadeAgain() throws Exception {
    Path cache = target.resolve("modelgate-jdk25-serve.aot");
    launch("serve", 0, "serve");
    assertThat(launch("", 0, "serve").jvmArgs()).contains("-XX:AOTCache=" + cache);
    Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(7200)));
    assertThat(launch("", 0, "serve").makes(target.resolve("modelgate-jdk25-serve-new.aot"))).isTrue();
    assertThat(cache).doesNotExist();
  }

  @Test
  void onJdk21To24TheDynamicArchiveFollowsTheSameRule() throws Exception {
    jdk(24);
    Path archive = target.resolve("modelgate-jdk24-serve.jsa");
    Path made = target.resolve("modelgate-jdk24-serve-new.jsa");
    launch("", 1, "serve");
    assertThat(launch("serve", 0, "serve").makes(made)).isTrue();
    Run next = launch("", 0, "serve");
    assertThat(next.jvmArgs()).contains("-XX:SharedArchiveFile=" + archive)
        .as("a run that uses the archive does not write it").doesNotContain("AutoCreateSharedArchive");
  }

  @Test
  void anArchiveOptionInModelgateJavaOptsTurnsTheCacheOff() throws Exception {
    launch("serve", 0, "serve");
    Run off = launch(Map.of("MODELGATE_JAVA_OPTS", "-Xshare:off"), "", 0, "serve");
    assertThat(off.jvmArgs()).doesNotContain("AOTCache").doesNotContain("startupCache.mark")
        .endsWith("-Xshare:off -jar " + target.resolve("modelgate-cli.jar") + " serve");
  }

  @Test
  void mainMarksOnlyARunThatSucceededAndWhetherItServed() {
    Main.markStartupCache(dir.resolve("failed.ok").toString(), 1, true);
    Main.markStartupCache(dir.resolve("command.ok").toString(), 0, false);
    Main.markStartupCache(dir.resolve("serve.ok").toString(), 0, true);
    Main.markStartupCache(null, 0, true);
    assertThat(dir.resolve("failed.ok")).doesNotExist();
    assertThat(dir.resolve("command.ok")).hasContent("cli");
    assertThat(dir.resolve("serve.ok")).hasContent("serve");
  }
}
