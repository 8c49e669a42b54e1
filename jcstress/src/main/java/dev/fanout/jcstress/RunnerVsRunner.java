package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.internal.FanOutCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * Two runners of one elastic gather (unbounded, synchronous tasks) claim slots at once. The
 * executor only keeps what it is given; the call starts with one runner in it. One actor runs
 * that runner, which hands on more runners and then claims and runs the slots nobody runs yet;
 * the other runs whatever runner it finds handed on by then, which claims slots too. The
 * arbiter runs the runners still kept.
 *
 * <p>r1: every body ran exactly once; r2: the gather completed with every result in slot order;
 * r3: the second actor found a runner to run.
 */
@JCStressTest
@Outcome(id = "true, true, true", expect = ACCEPTABLE, desc = "Two runners claimed the slots between them.")
@Outcome(id = "true, true, false", expect = ACCEPTABLE, desc = "The first runner had handed on nobody yet.")
@Outcome(id = "false, .*", expect = FORBIDDEN, desc = "A body ran twice, or never.")
@Outcome(id = "true, false, .*", expect = FORBIDDEN, desc = "The gather did not complete with every result.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class RunnerVsRunner {
  private static final int SLOTS = 6;
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
  public void second(ZZZ_Result r) {
    r.r3 = runOne();
  }

  /** Runs a runner the executor keeps, if there is one yet. */
  private boolean runOne() {
    Runnable runner = kept.poll();
    if (runner == null) {
      return false;
    }
    runner.run();
    return true;
  }

  @Arbiter
  public void arbiter(ZZZ_Result r) {
    for (Runnable runner; (runner = kept.poll()) != null; ) {
      runner.run();
    }
    boolean once = true;
    for (int i = 0; i < SLOTS; i++) {
      once &= runs.get(i) == 1;
    }
    r.r1 = once;
    r.r2 = gathered.isDone() && !gathered.isCompletedExceptionally()
        && gathered.join().equals(List.of(0, 1, 2, 3, 4, 5));
  }
}
