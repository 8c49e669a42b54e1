package dev.fanout.benchmarks;

import dev.fanout.Async;
import dev.fanout.Gather;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The owner under {@link GraphBenchmark}: a diamond of four tiny tasks, {@code user} feeding
 * {@code orders} and {@code recs}, which both feed {@code score}.
 */
public abstract class Diamond {
  /** The four results, in slot order. */
  public record Overview(Long user, Long orders, Long recs, Long score) {}

  @Async
  Long user(long id) {
    Blackhole.consumeCPU(64);
    return id;
  }

  @Async
  Long orders(Long user) {
    Blackhole.consumeCPU(64);
    return user * 2;
  }

  @Async
  Long recs(Long user) {
    Blackhole.consumeCPU(64);
    return user * 3;
  }

  @Async
  Long score(Long orders, Long recs) {
    Blackhole.consumeCPU(64);
    return orders + recs;
  }

  @Gather({"user", "orders", "recs", "score"})
  public abstract Overview overview(long id);
}
