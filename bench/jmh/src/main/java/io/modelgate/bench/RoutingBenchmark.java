package io.modelgate.bench;

import io.modelgate.core.Modelgate;
import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.core.routing.Route;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Routing a request: a named model, and no model (the defaults' chain), for a member, on the in-memory stores. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {
  private ModelRouter router;
  private CallerContext caller;

  @Setup
  public void setUp() {
    router = Modelgate.demo().start().ensureDiscovered().router();
    AccountService accounts =
        new AccountService(new InMemoryAccountStore(), new InMemoryAuditLog(), InstantSource.system());
    String user = accounts.createUser("bench", "bench", AccountRole.MEMBER, null).id();
    caller = accounts.authenticate(accounts.issueKey("bench", user, "bench").key().reveal());
  }

  @Benchmark
  public Route namedModel() {
    return router.resolve("demo:echo", ModelCategory.TEXT, caller);
  }

  @Benchmark
  public Route defaultModel() {
    return router.resolve(null, ModelCategory.TEXT, caller);
  }
}
