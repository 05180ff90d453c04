package io.modelgate.bench;

import io.modelgate.persistence.JdbiStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Opens the stores a benchmark runs on: an in-memory H2 database, or a new schema in the machine's PostgreSQL
 * (127.0.0.1:5432, database {@code test}, as the tests use it), dropped on close.
 */
final class Databases implements AutoCloseable {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final JdbiStores stores;
  private final String schema;

  private Databases(JdbiStores stores, String schema) {
    this.stores = stores;
    this.schema = schema;
  }

  /** {@code kind}: {@code h2} or {@code postgres}. */
  static Databases open(String kind) throws IOException, SQLException {
    String name = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Path keyset = Files.createTempDirectory("modelgate-bench").resolve("keyset.json");
    String url = switch (kind) {
      case "h2" -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
      case "postgres" -> {
        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA " + name);
        }
        yield POSTGRES + "&currentSchema=" + name;
      }
      default -> throw new IllegalArgumentException("no database '" + kind + "': h2 or postgres");
    };
    return new Databases(JdbiStores.builder(url).keysetFile(keyset).open(), kind.equals("postgres") ? name : "");
  }

  JdbiStores stores() {
    return stores;
  }

  @Override
  public void close() throws SQLException {
    stores.close();
    if (!schema.isEmpty()) {
      try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
