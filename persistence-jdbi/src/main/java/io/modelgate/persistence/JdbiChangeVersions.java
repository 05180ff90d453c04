package io.modelgate.persistence;

import io.modelgate.core.port.ChangeVersions;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** {@link ChangeVersions} in {@code change_version}, one row per part. */
final class JdbiChangeVersions implements ChangeVersions {
  private final Jdbi jdbi;

  JdbiChangeVersions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void raise(String part) {
    if (Objects.requireNonNull(part, "'part' must not be null").isBlank()) {
      throw new IllegalArgumentException("'part' must not be blank");
    }
    jdbi.useHandle(h -> {
      String raise = "UPDATE change_version SET version = version + 1 WHERE part = :part";
      if (h.createUpdate(raise).bind("part", part).execute() > 0) {
        return;
      }
      try {
        h.createUpdate("INSERT INTO change_version (part, version) VALUES (:part, 1)").bind("part", part).execute();
      } catch (RuntimeException e) {
        if (!Dialect.isUniqueViolation(e)) {
          throw e;
        }
        h.createUpdate(raise).bind("part", part).execute(); // another replica inserted it first
      }
    });
  }

  @Override
  public Map<String, Long> read() {
    return jdbi.withHandle(h -> h.createQuery("SELECT part, version FROM change_version")
        .map((rs, ctx) -> Map.entry(rs.getString("part"), rs.getLong("version"))).stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
