package io.modelgate.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {
  /** The skip rests on computing Flyway's checksums the way Flyway does: a new Flyway that differs fails here. */
  @Test
  void knowsEveryMigrationWithFlywaysOwnChecksum() {
    Flyway flyway = Flyway.configure(SchemaHistory.class.getClassLoader())
        .dataSource("jdbc:h2:mem:schema-history", "sa", "")
        .locations("classpath:" + SchemaHistory.LOCATION)
        .placeholders(Dialect.H2.placeholders())
        .load();
    Map<String, SchemaHistory.Applied> flywaySees = java.util.Arrays.stream(flyway.info().all())
        .collect(Collectors.toMap(m -> m.getVersion().getVersion(),
            (MigrationInfo m) -> new SchemaHistory.Applied(m.getScript(), m.getChecksum())));

    assertThat(flywaySees).hasSizeGreaterThanOrEqualTo(10);
    assertThat(SchemaHistory.known()).contains(flywaySees);
  }
}
