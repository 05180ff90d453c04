package io.modelgate.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Whether a database's Flyway schema history already holds every migration of this build, as this build has it:
 * then a migration run would only validate and do nothing, so opening can skip Flyway (about a tenth of the CPU of
 * a start). Any doubt (no history table, a migration missing, failed, changed or unknown here, migrations in a place
 * this cannot list) answers no, and Flyway migrates and validates as always.
 */
final class SchemaHistory {
  /** Where the migrations are, on the class path: Flyway's location {@code classpath:db/migration}. */
  static final String LOCATION = "db/migration";

  private SchemaHistory() {}

  /** True when the applied migrations are exactly this build's, each successful and with the same checksum. */
  static boolean upToDate(DataSource dataSource) {
    Optional<Map<String, Applied>> known = known();
    if (known.isEmpty() || known.get().isEmpty()) {
      return false;
    }
    Map<String, Applied> applied = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\", \"script\", \"checksum\", \"success\", \"type\" "
            + "FROM \"flyway_schema_history\"")) {
      while (rs.next()) {
        String version = rs.getString(1);
        String type = rs.getString(5);
        if (version == null && ("SCHEMA".equals(type) || "TABLE".equals(type))) {
          continue; // Flyway's own note that it created the schema or the history table
        }
        int checksum = rs.getInt(3);
        if (rs.wasNull() || !rs.getBoolean(4) || !"SQL".equals(type)
            || applied.put(version, new Applied(rs.getString(2), checksum)) != null) {
          return false;
        }
      }
    } catch (SQLException e) {
      return false; // no history yet (a new database), or one this cannot read: Flyway decides
    }
    return applied.equals(known.get());
  }

  /** Each migration file of this build by version, with Flyway's checksum; empty when they cannot be listed. */
  static Optional<Map<String, Applied>> known() {
    Map<String, Applied> known = new HashMap<>();
    try {
      ClassLoader loader = SchemaHistory.class.getClassLoader();
      for (URL dir : Collections.list(loader.getResources(LOCATION))) {
        for (String script : scripts(dir)) {
          if (!script.matches("V\\d+(\\.\\d+)*__.+\\.sql")) {
            return Optional.empty(); // repeatable, undo or other kinds of migration: left to Flyway
          }
          try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + script)) {
            if (in == null || known.put(version(script), new Applied(script, checksum(in))) != null) {
              return Optional.empty();
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(known);
  }

  /** The file names directly in {@code dir}, a directory or a folder in a jar. */
  private static java.util.List<String> scripts(URL dir) throws IOException, URISyntaxException {
    return switch (dir.getProtocol()) {
      case "file" -> {
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
          yield files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
      }
      case "jar" -> {
        JarURLConnection connection = (JarURLConnection) dir.openConnection();
        String prefix = connection.getEntryName() + "/";
        yield connection.getJarFile().stream().map(JarEntry::getName)
            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length()
                && n.indexOf('/', prefix.length()) < 0)
            .map(n -> n.substring(prefix.length())).toList();
      }
      default -> throw new IOException("cannot list " + dir);
    };
  }

  /** {@code V10__change_versions.sql} is version {@code 10}, as Flyway writes it in the history. */
  private static String version(String script) {
    return script.substring(1, script.indexOf("__")).replace('_', '.');
  }

  /**
   * Flyway's checksum of a migration: a CRC-32 of its lines as UTF-8, without line breaks and without a leading
   * byte-order mark (its {@code ChecksumCalculator}; SchemaHistoryTest checks that both agree).
   */
  static int checksum(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line != null && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    for (; line != null; line = reader.readLine()) {
      crc.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return (int) crc.getValue();
  }

  /** A migration as the history records it: its file and checksum. */
  record Applied(String script, int checksum) {}
}
