package dev.fanout.example;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.stream.Stream;

/** Tasks of different lengths, to show that fan-out runs them at once. */
public abstract class Naps {

  // async def nap(millis): await asyncio.sleep(millis / 1000); return f"slept {millis} ms"
  @Async
  String nap(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return "slept " + millis + " ms";
  }

  // A fan-out parameter named like a task parameter is bound to it by name, so the list has its
  // own name: one task over a collection takes the parameter that nothing else took.

  /** All naps at once: takes about as long as the longest one, not their sum. */
  @Gather("nap")
  abstract List<String> napAll(List<Integer> naps);

  /** Each nap's result the moment it ends: shortest first. */
  @AsCompleted("nap")
  abstract Stream<String> napsAsCompleted(List<Integer> naps);
}
