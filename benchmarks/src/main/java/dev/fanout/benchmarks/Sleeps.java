package dev.fanout.benchmarks;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;

/** Blocking tasks: each sleeps 100 ms, so a gather of many needs its executor to overlap them. */
public abstract class Sleeps {
  @Async
  Integer nap(Integer x) throws InterruptedException {
    Thread.sleep(100);
    return x;
  }

  @Gather("nap")
  abstract List<Integer> gather(List<Integer> xs) throws InterruptedException;
}
