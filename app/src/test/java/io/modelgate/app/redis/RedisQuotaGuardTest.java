package io.modelgate.app.redis;

import io.modelgate.persistence.JdbiStores;
import io.modelgate.store.testkit.QuotaGuardContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The guard contract with rpm and tpm counted in Redis, the rest and the usage log in H2. */
class RedisQuotaGuardTest extends QuotaGuardContract {
  @RegisterExtension
  static final LocalRedis redis = new LocalRedis();

  @TempDir
  static Path dir;

  private JdbiStores stores;

  @Override
  protected Fixture newFixture() {
    stores = H2.fresh(dir);
    RedisQuota quota = redis.fresh();
    return new Fixture(quota.ledger(stores.quota()), stores.quotaPolicies(), quota.usageLog(stores.usage()));
  }

  @AfterEach
  void closeDatabase() {
    stores.close();
  }
}
