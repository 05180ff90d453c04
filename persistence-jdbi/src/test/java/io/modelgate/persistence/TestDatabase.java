package io.modelgate.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One database for a test class: an H2 in-memory database, a SQLite file in a temp directory, or a schema of its
 * own on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}), started if it is down. Everything it
 * made is dropped after the class.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final Dialect dialect;
  private final List<String> schemas = new ArrayList<>();
  private final List<String> h2Urls = new ArrayList<>();
  private @Nullable Path dir;
  private @Nullable String url;
  private @Nullable JdbiStores stores;

  private TestDatabase(Dialect dialect) {
    this.dialect = dialect;
  }

  static TestDatabase h2() {
    return new TestDatabase(Dialect.H2);
  }

  static TestDatabase sqlite() {
    return new TestDatabase(Dialect.SQLITE);
  }

  static TestDatabase postgres() {
    return new TestDatabase(Dialect.POSTGRES);
  }

  Dialect dialect() {
    return dialect;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (stores != null) {
      return; // a @Nested class of the class that opened it
    }
    dir = Files.createTempDirectory("modelgate-" + dialect.name().toLowerCase(Locale.ROOT));
    if (dialect == Dialect.POSTGRES) {
      ensurePostgresRunning();
    }
    url = newDatabaseUrl();
    stores = JdbiStores.builder(url).masterKey(CredentialCipher.newKeysetJson()).maxPoolSize(8).open();
  }

  /** The class's stores, emptied. */
  JdbiStores fresh() {
    JdbiStores s = java.util.Objects.requireNonNull(stores, "the database is not open");
    s.jdbi().useHandle(h -> {
      for (String table : JdbiStores.TABLES) {
        h.execute("DELETE FROM " + table);
      }
    });
    return s;
  }

  /** The URL of the class's database. */
  String url() {
    return java.util.Objects.requireNonNull(url);
  }

  Path dir() {
    return java.util.Objects.requireNonNull(dir);
  }

  /** The URL of another new, empty database of this kind, dropped after the class. */
  String newDatabaseUrl() throws SQLException {
    String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return switch (dialect) {
      case H2 -> {
        String u = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        h2Urls.add(u);
        yield u;
      }
      case SQLITE -> "jdbc:sqlite:" + dir().resolve(name + ".db");
      case POSTGRES -> {
        try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA " + name);
        }
        schemas.add(name);
        yield POSTGRES_SERVER + "&currentSchema=" + name;
      }
    };
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
      return; // the outer class closes it
    }
    if (stores != null) {
      stores.close();
    }
    for (String u : h2Urls) {
      try (Connection c = DriverManager.getConnection(u); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
    if (!schemas.isEmpty()) {
      try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
        for (String schema : schemas) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
    if (dir != null) {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static boolean postgresAnswers() {
    try (Connection c = DriverManager.getConnection(POSTGRES_SERVER)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Starts the machine's PostgreSQL cluster when it does not answer; fails clearly when it still does not. */
  static void ensurePostgresRunning() throws IOException, InterruptedException {
    if (postgresAnswers()) {
      return;
    }
    String output = "";
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      for (Path version : versions.toList()) {
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect",
            version.getFileName().toString(), "main", "start").redirectErrorStream(true).start();
        p.waitFor(60, TimeUnit.SECONDS);
        output += new String(p.getInputStream().readAllBytes());
      }
    } catch (IOException e) {
      output += e.getMessage();
    }
    for (int i = 0; i < 60 && !postgresAnswers(); i++) {
      Thread.sleep(500);
    }
    if (!postgresAnswers()) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (database 'test', user postgres) does not "
          + "answer, and starting it with pg_ctlcluster did not help: " + output.strip());
    }
  }
}
