package io.modelgate.app.redis;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.persistence.JdbiStores;
import io.modelgate.store.testkit.QuotaLedgerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on day counters in H2 beside minute counters in Redis, through one ledger. */
class RedisMixedLedgerTest extends QuotaLedgerContract {
  @RegisterExtension
  static final LocalRedis redis = new LocalRedis();

  @TempDir
  static Path dir;

  private JdbiStores stores;

  @Override
  protected QuotaLedger newLedger() {
    stores = H2.fresh(dir);
    return redis.fresh().ledger(stores.quota());
  }

  @AfterEach
  void closeDatabase() {
    stores.close();
  }
}
