package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.internal.FanOutCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Two runners of one elastic gather (unbounded, synchronous tasks) claim slots and hand on
 * runners at once. The executor only keeps what it is given; the call starts with its first
 * runners in it. Each actor runs one of them, which hands on more runners as it starts and ends
 * and claims and runs the slots nobody runs yet in between. The arbiter runs the runners still
 * kept: had a hand-on lost the room another made, a slot would never run.
 *
 * <p>r1: every body ran exactly once; r2: the gather completed with every result in slot order.
 */
@JCStressTest
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "The runners claimed the slots between them.")
@Outcome(id = "false, .*", expect = FORBIDDEN, desc = "A body ran twice, or never.")
@Outcome(id = "true, false", expect = FORBIDDEN, desc = "The gather did not complete with every result.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class RunnerVsRunner {
  /** More than two runners run in a row: they end with slots left, and hand on as they end. */
  private static final int SLOTS = 40;
  private final ConcurrentLinkedQueue<Runnable> kept = new ConcurrentLinkedQueue<>();
  private final AtomicIntegerArray runs = new AtomicIntegerArray(SLOTS);
  private final CompletableFuture<List<Integer>> gathered;

  public RunnerVsRunner() {
    FanOutCall<Integer> call = new FanOutCall<>(kept::add, Stages.site("runnerVsRunner"), SLOTS);
    for (int i = 0; i < SLOTS; i++) {
      int index = i;
      call.submit("t" + i, () -> {
        runs.incrementAndGet(index);
        return index;
      });
    }
    gathered = call.gatherListAsync();
  }

  @Actor
  public void first() {
    runOne();
  }

  @Actor
  public void second() {
    runOne();
  }

  /** Runs a runner the executor keeps, if there is one yet. */
  private void runOne() {
    Runnable runner = kept.poll();
    if (runner != null) {
      runner.run();
    }
  }

  @Arbiter
  public void arbiter(ZZ_Result r) {
    for (Runnable runner; (runner = kept.poll()) != null; ) {
      runner.run();
    }
    boolean once = true;
    for (int i = 0; i < SLOTS; i++) {
      once &= runs.get(i) == 1;
    }
    r.r1 = once;
    r.r2 = gathered.isDone() && !gathered.isCompletedExceptionally()
        && gathered.join().equals(IntStream.range(0, SLOTS).boxed().collect(Collectors.toList()));
  }
}
