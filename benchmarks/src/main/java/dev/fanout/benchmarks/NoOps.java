package dev.fanout.benchmarks;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The owner of the no-op rows: a task that does nothing, gathered unbounded and under a limit. */
public abstract class NoOps {
  /** Does nothing: what is measured is the coordination around it. */
  @Async
  Integer noop(Integer x) {
    return x;
  }

  /** An already-asynchronous task that is already done: a cache hit. */
  @Async
  CompletableFuture<Integer> done(Integer x) {
    return CompletableFuture.completedFuture(x);
  }

  @Gather("noop")
  abstract List<Integer> gather(List<Integer> xs);

  @Gather(value = "noop", maxConcurrency = 64)
  abstract List<Integer> gatherLimited(List<Integer> xs);

  @Gather("done")
  abstract List<Integer> gatherDone(List<Integer> xs);
}
