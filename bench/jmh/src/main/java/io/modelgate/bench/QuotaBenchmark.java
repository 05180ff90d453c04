package io.modelgate.bench;

import io.modelgate.app.redis.RedisQuota;
import io.modelgate.core.Modelgate;
import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.gateway.LimitingQuotaGuard;
import io.modelgate.core.gateway.QuotaGuard;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A call's quota: reserve its worst case, then settle what it used, for a caller with a requests-per-day, rpm and
 * tpm limit, on each ledger: in memory, H2, PostgreSQL, and Redis (minute counters in Redis, the rest in memory);
 * one call at a time, and 32 at once on the same caller.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuotaBenchmark {
  @Param({"memory", "h2", "postgres", "redis"})
  public String ledger;

  private @Nullable Databases db;
  private @Nullable RedisQuota redis;
  private QuotaGuard guard;
  private CallerContext caller;
  private CatalogEntry model;
  private final Usage used = Usage.of(24, 170);

  @Setup
  public void setUp() throws Exception {
    QuotaLedger counters = switch (ledger) {
      case "memory" -> new InMemoryQuotaLedger();
      case "h2", "postgres" -> {
        db = Databases.open(ledger);
        yield db.stores().quota();
      }
      case "redis" -> {
        redis = RedisQuota.connect("redis://127.0.0.1:6379/0", "modelgate:bench:" + UUID.randomUUID() + ":");
        yield redis.ledger(new InMemoryQuotaLedger());
      }
      default -> throw new IllegalArgumentException("no ledger '" + ledger + "'");
    };
    AccountService accounts =
        new AccountService(new InMemoryAccountStore(), new InMemoryAuditLog(), InstantSource.system());
    String user = accounts.createUser("bench", "bench", AccountRole.MEMBER, null).id();
    caller = accounts.authenticate(accounts.issueKey("bench", user, "bench").key().reveal());
    InMemoryQuotaPolicyStore policies = new InMemoryQuotaPolicyStore();
    policies.set(new QuotaSubject(QuotaSubject.Kind.USER, user),
        new QuotaLimits(1_000_000_000L, null, null, null, 1_000_000_000L, 1_000_000_000_000L));
    guard = new LimitingQuotaGuard(counters, policies, InstantSource.system());
    Modelgate gateway = Modelgate.demo().start().ensureDiscovered();
    model = gateway.router().usable(caller, ModelId.parse("demo:echo")).orElseThrow();
  }

  @TearDown
  public void tearDown() throws Exception {
    if (db != null) {
      db.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Benchmark
  public List<QuotaAdjustment> reserveAndSettle() {
    return guard.reserve(caller, model, 1_024, BigDecimal.ZERO).settle(used, BigDecimal.ZERO);
  }

  /**
   * The same from 32 threads at once, all on the one caller's counters, as the calls of a busy user are: the time
   * each call takes while the others go on (a ledger that writes one call at a time makes each wait for all).
   */
  @Benchmark
  @Threads(32)
  public List<QuotaAdjustment> reserveAndSettleFrom32Threads() {
    return reserveAndSettle();
  }
}
