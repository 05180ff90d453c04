package io.modelgate.persistence;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** Write transactions that retry when a concurrent writer inserted the same key first. */
final class Transactions {
  private static final int ATTEMPTS = 5;

  private Transactions() {}

  /** Runs {@code work} in a transaction; on a unique-key violation, runs it again (the row now exists). */
  static <T> T write(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work::withHandle);
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !Dialect.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  /** Updates a row, or inserts it when the update touched none. */
  static void upsert(Jdbi jdbi, HandleCallback<Integer, RuntimeException> update,
      HandleCallback<Integer, RuntimeException> insert) {
    write(jdbi, (Handle h) -> update.withHandle(h) > 0 ? 1 : insert.withHandle(h));
  }
}
