package dev.fanout.benchmarks;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.infra.Blackhole;

/** The owner under benchmark: a tiny task, gathered over a list, and a composed stage task. */
public abstract class Work {
  /** A task of a few hundred nanoseconds, so that coordination cost shows. */
  @Async
  Long square(Long x) {
    Blackhole.consumeCPU(64);
    return x * x;
  }

  /** An already-asynchronous task: fanout composes it without a thread. */
  @Async
  CompletableFuture<Long> cached(Long x) {
    return CompletableFuture.completedFuture(x * x);
  }

  @Gather("square")
  abstract List<Long> squares(List<Long> xs);

  @Gather("cached")
  abstract List<Long> cachedSquares(List<Long> xs);
}
