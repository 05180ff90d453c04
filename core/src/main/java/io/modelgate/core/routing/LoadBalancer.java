package io.modelgate.core.routing;

import io.modelgate.core.model.ModelId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Spreads calls over the targets that serve one model, by a {@link BalanceStrategy}: it keeps, per target, the
 * calls under way, how many it was given, and a moving average (EWMA) of its time to first token. Kept in memory,
 * per replica. Thread-safe.
 */
@Singleton
public final class LoadBalancer {
  /** The weight of the newest sample in the moving average of time to first token. */
  private static final double EWMA_ALPHA = 0.3;
  /** The share of calls the latency strategy sends to a random target, so a slow one's average can recover. */
  private static final double EXPLORE = 0.05;
  public static final String WEIGHT_OPTION = "weight";

  private final RandomGenerator random;
  private final Map<ModelId, Load> loads = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

  @Inject
  public LoadBalancer() {
    this(RandomGenerator.getDefault());
  }

  public LoadBalancer(RandomGenerator random) {
    this.random = random;
  }

  /** What is known of one target's load. */
  private static final class Load {
    final AtomicInteger busy = new AtomicInteger();
    final AtomicLong given = new AtomicLong();
    volatile double ttftMillis = Double.NaN;
  }

  private Load load(Target t) {
    return loads.computeIfAbsent(t.id(), id -> new Load());
  }

  /** The calls under way at {@code target}. */
  public int busy(Target target) {
    return load(target).busy.get();
  }

  /** The moving average of {@code target}'s time to first token, if any call measured it. */
  public Duration averageTimeToFirstToken(Target target) {
    double ms = load(target).ttftMillis;
    return Double.isNaN(ms) ? Duration.ZERO : Duration.ofNanos((long) (ms * 1_000_000));
  }

  /**
   * Orders the targets of one model for a call: the first is where it goes, the others follow in the order given,
   * to be tried if it fails.
   */
  public List<Target> order(List<Target> group, BalanceStrategy strategy) {
    if (group.size() < 2 || strategy == BalanceStrategy.ORDERED) {
      return group;
    }
    int first = switch (strategy) {
      case ROUND_ROBIN -> (int) Math.floorMod(turns.computeIfAbsent(key(group), k -> new AtomicLong())
          .getAndIncrement(), (long) group.size());
      case LEAST_BUSY -> twoChoices(group, false);
      case LATENCY -> fastest(group);
      case WEIGHTED -> weighted(group);
      case ORDERED -> 0;
    };
    List<Target> ordered = new ArrayList<>(group.size());
    ordered.add(group.get(first));
    for (int i = 0; i < group.size(); i++) {
      if (i != first) {
        ordered.add(group.get(i));
      }
    }
    return ordered;
  }

  private static String key(List<Target> group) {
    StringBuilder b = new StringBuilder();
    for (Target t : group) {
      b.append(t.id()).append('|');
    }
    return b.toString();
  }

  /** Power of two choices: two targets at random, the less loaded of them (by calls under way, then given). */
  private int twoChoices(List<Target> group, boolean byLatency) {
    int a = random.nextInt(group.size());
    int b = random.nextInt(group.size() - 1);
    if (b >= a) {
      b++;
    }
    double sa = score(group.get(a), byLatency);
    double sb = score(group.get(b), byLatency);
    if (sa != sb) {
      return sa < sb ? a : b;
    }
    long ga = load(group.get(a)).given.get();
    long gb = load(group.get(b)).given.get();
    return ga != gb ? (ga < gb ? a : b) : Math.min(a, b);
  }

  private double score(Target t, boolean byLatency) {
    Load l = load(t);
    double busy = l.busy.get();
    return byLatency ? l.ttftMillis * (busy + 1) : busy;
  }

  /** A target never measured goes first, so it gets measured; else two choices by latency, with a little chance. */
  private int fastest(List<Target> group) {
    for (int i = 0; i < group.size(); i++) {
      if (Double.isNaN(load(group.get(i)).ttftMillis)) {
        return i;
      }
    }
    if (random.nextDouble() < EXPLORE) {
      return random.nextInt(group.size());
    }
    return twoChoices(group, true);
  }

  private int weighted(List<Target> group) {
    double[] weights = new double[group.size()];
    double total = 0;
    for (int i = 0; i < group.size(); i++) {
      weights[i] = weight(group.get(i));
      total += weights[i];
    }
    double pick = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double weight(Target t) {
    String raw = t.instance().options().get(WEIGHT_OPTION);
    if (raw == null) {
      return 1;
    }
    try {
      double w = Double.parseDouble(raw.strip());
      return w >= 0 && Double.isFinite(w) ? w : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** A call starts at {@code target}; close what this returns when it ends (exactly once). */
  public Runnable started(Target target) {
    Load l = load(target);
    l.busy.incrementAndGet();
    l.given.incrementAndGet();
    AtomicInteger once = new AtomicInteger();
    return () -> {
      if (once.getAndIncrement() == 0) {
        l.busy.decrementAndGet();
      }
    };
  }

  /** A call to {@code target} got its first token after {@code ttft}. */
  public void firstToken(Target target, Duration ttft) {
    Load l = load(target);
    double ms = ttft.toNanos() / 1_000_000.0;
    synchronized (l) {
      l.ttftMillis = Double.isNaN(l.ttftMillis) ? ms : EWMA_ALPHA * ms + (1 - EWMA_ALPHA) * l.ttftMillis;
    }
  }
}
