package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.Task;
import dev.fanout.internal.FanOutCall;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Caller interrupt vs. completion: a caller blocked in a gather over one stage task; the other
 * actor interrupts it and then completes the task, so the caller may see either first. (Two
 * actors, so that the test also runs on two CPUs.)
 *
 * <p>r1: what the caller got: the result, or INTERRUPTED (a CancellationException with the
 * interrupt flag set again), or something else; r2: the task's state afterwards.
 */
@JCStressTest
@Outcome(id = "RESULT, SUCCESS", expect = ACCEPTABLE, desc = "The task finished before the interrupt was seen.")
@Outcome(id = "INTERRUPTED, CANCELLED", expect = ACCEPTABLE, desc = "The interrupt ended the call and cancelled the task.")
@Outcome(id = "INTERRUPTED, SUCCESS", expect = ACCEPTABLE_INTERESTING, desc = "The task finished while the interrupt was ending the call.")
@Outcome(id = "INTERRUPTED, RUNNING", expect = FORBIDDEN, desc = "The interrupted call left its task running.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a wrong exception, or no interrupt flag with the CancellationException.")
@State
public class InterruptVsCompletion {
  private final CompletableFuture<String> stage = new CompletableFuture<>();
  private final FanOutCall<String> call = new FanOutCall<>(Stages.INLINE, Stages.site("interrupt"));
  private final Task<String> task = call.submitStage("a", () -> stage);
  private volatile Thread caller;
  private volatile boolean interruptSent;

  @Actor
  public void caller(LL_Result r) {
    caller = Thread.currentThread();
    try {
      List<String> results = call.gatherList();
      r.r1 = results.equals(List.of("a")) ? "RESULT" : "WRONG RESULT";
    } catch (CancellationException e) {
      r.r1 = Thread.currentThread().isInterrupted() ? "INTERRUPTED" : "NO INTERRUPT FLAG";
    } catch (RuntimeException e) {
      r.r1 = e.getClass().getSimpleName();
    }
    // The interrupt may come after the call returned: wait for it, then clear it, so that it
    // never reaches the next test on this thread.
    while (!interruptSent) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
  }

  @Actor
  public void interruptThenComplete() {
    Thread t;
    while ((t = caller) == null) {
      Thread.onSpinWait();
    }
    t.interrupt();
    interruptSent = true;
    stage.complete("a");
  }

  @Arbiter
  public void arbiter(LL_Result r) {
    r.r2 = task.state();
  }
}
