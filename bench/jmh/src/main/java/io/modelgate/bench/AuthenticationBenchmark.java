package io.modelgate.bench;

import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.model.CallerContext;
import java.time.InstantSource;
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

/** A gateway key checked on every call: its prefix looked up, its hash compared, its caller built. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthenticationBenchmark {
  /** Where the keys are kept: {@code memory}, {@code h2}, {@code postgres}. */
  @Param({"memory", "h2"})
  public String store;

  private @Nullable Databases db;
  private AccountService accounts;
  private String key;

  @Setup
  public void setUp() throws Exception {
    if (store.equals("memory")) {
      accounts = new AccountService(new InMemoryAccountStore(), new InMemoryAuditLog(), InstantSource.system());
    } else {
      db = Databases.open(store);
      accounts = new AccountService(db.stores().accounts(), db.stores().audit(), InstantSource.system());
    }
    String user = accounts.createUser("bench", "bench", AccountRole.MEMBER, null).id();
    key = accounts.issueKey("bench", user, "bench").key().reveal();
  }

  @TearDown
  public void tearDown() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Benchmark
  public CallerContext authenticate() {
    return accounts.authenticate(key);
  }
}
