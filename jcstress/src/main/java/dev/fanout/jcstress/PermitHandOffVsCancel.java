package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.Task;
import dev.fanout.internal.FanOutCall;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZZ_Result;

/**
 * Permit hand-off vs. cancel, under maxConcurrency 1: an async wait over a, b, c. a holds the
 * permit; one actor completes a (its permit goes to the next slot), the other cancels b.
 *
 * <p>r1: b.cancel() returned true; r2: b started; r3: c started; r4: the limit held (when c
 * started, b had not started or b's stage had completed).
 */
@JCStressTest
@Outcome(id = "true, false, true, true", expect = ACCEPTABLE, desc = "b was cancelled before its turn; the permit went to c.")
@Outcome(id = "true, true, true, true", expect = ACCEPTABLE, desc = "b got the permit, then its cancel gave it to c.")
@Outcome(id = "true, .*, false, .*", expect = FORBIDDEN, desc = "The permit was lost: c never started.")
@Outcome(id = ".*, false", expect = FORBIDDEN, desc = "Two slots were in flight under a limit of 1.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class PermitHandOffVsCancel {
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final CompletableFuture<String> b = new CompletableFuture<>();
  private final CompletableFuture<String> c = new CompletableFuture<>();
  private final Task<String> taskB;
  private volatile boolean bStarted;
  private volatile boolean cStarted;
  private volatile boolean limitHeld = true;

  public PermitHandOffVsCancel() {
    FanOutCall<String> call =
        new FanOutCall<>(Stages.INLINE, Stages.site("permitHandOff").maxConcurrency(1));
    call.submitStage("a", () -> a);
    taskB =
        call.submitStage(
            "b",
            () -> {
              bStarted = true;
              return b;
            });
    call.submitStage(
        "c",
        () -> {
          limitHeld = !bStarted || b.isDone();
          cStarted = true;
          return c;
        });
    call.waitForAsync();
  }

  @Actor
  public void complete() {
    a.complete("a");
  }

  @Actor
  public void cancel(ZZZZ_Result r) {
    r.r1 = taskB.cancel();
  }

  @Arbiter
  public void arbiter(ZZZZ_Result r) {
    r.r2 = bStarted;
    r.r3 = cStarted;
    r.r4 = limitHeld;
    // Lets the call end, so that it leaves the in-flight view: millions of states run per test.
    b.complete("b");
    c.complete("c");
  }
}
