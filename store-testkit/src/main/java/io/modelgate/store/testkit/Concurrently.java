package io.modelgate.store.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs calls on a fixed pool of threads and hands back their results in order, rethrowing the first failure. */
public final class Concurrently {
  private Concurrently() {}

  public static <T> List<T> call(int threads, List<? extends Callable<T>> calls) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(calls)) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new AssertionError("a concurrent call failed: " + e.getCause(), e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
