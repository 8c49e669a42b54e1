package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.internal.FanOutCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * Cancel vs. run, under maxConcurrency 1: synchronous tasks a, b, c on an executor that only
 * queues them. a is launched (it holds the permit); one actor runs it as the executor would, the
 * other cancels it. A cancel sets a's outcome alone, so whoever starts a must find it: a body
 * runs only if the run began first, and a's permit comes back exactly once, launching b and not
 * c. (A wait for the first completion, so that b is always handed to the executor.)
 *
 * <p>r1: a.cancel() returned true; r2: a's body ran; r3: exactly b was launched after a.
 */
@JCStressTest
@Outcome(id = "true, false, true", expect = ACCEPTABLE, desc = "Cancelled before its run began: no body; the permit came back.")
@Outcome(id = "false, true, true", expect = ACCEPTABLE, desc = "Ran before the cancel: the cancel had nothing to do.")
@Outcome(id = "true, true, true", expect = ACCEPTABLE_INTERESTING, desc = "The cancel raced the start: the body began, interrupted, as FutureTask's would.")
@Outcome(id = ".*, .*, false", expect = FORBIDDEN, desc = "The permit was lost or given back twice.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class CancelVsRun {
  private final List<Runnable> queue = new CopyOnWriteArrayList<>();
  private final Task<String> taskA;
  private volatile boolean ran;

  public CancelVsRun() {
    // A wait for the first: its future may complete before b starts, so a's thread never keeps
    // b to run itself, and every launch shows in the queue.
    FanOutCall<String> call = new FanOutCall<>(queue::add,
        Stages.site("cancelVsRun").maxConcurrency(1).returnWhen(ReturnWhen.FIRST_COMPLETED));
    taskA = call.submit("a", () -> {
      ran = true;
      return "a";
    });
    call.submit("b", () -> "b");
    call.submit("c", () -> "c");
    call.waitForAsync(); // launches a alone: the queue holds it
  }

  @Actor
  public void run() {
    queue.get(0).run(); // clears an interrupt meant for a before it returns
  }

  @Actor
  public void cancel(ZZZ_Result r) {
    r.r1 = taskA.cancel();
  }

  @Arbiter
  public void arbiter(ZZZ_Result r) {
    r.r2 = ran;
    r.r3 = queue.size() == 2;
    queue.subList(1, queue.size()).forEach(Runnable::run); // lets the call end
  }
}
