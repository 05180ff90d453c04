package io.modelgate.app.redis;

import io.modelgate.persistence.JdbiStores;
import java.nio.file.Path;
import java.util.UUID;

/** A fresh, empty in-memory H2 database with every store, for the windows that stay in the database. */
final class H2 {
  private H2() {}

  static JdbiStores fresh(Path dir) {
    return JdbiStores.builder("jdbc:h2:mem:redis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .keysetFile(dir.resolve("keyset-" + UUID.randomUUID() + ".json")).maxPoolSize(8).open();
  }
}
