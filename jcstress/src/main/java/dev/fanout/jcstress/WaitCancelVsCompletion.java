package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import dev.fanout.internal.FanOutCall;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZL_Result;

/**
 * Completion vs. cancel of the returned future: an async FIRST_COMPLETED wait is met by task a
 * while the caller cancels the returned future. Task b never finishes on its own.
 *
 * <p>r1: what {@code cancel()} returned; r2: b's state afterwards.
 */
@JCStressTest
@Outcome(id = "true, CANCELLED", expect = ACCEPTABLE, desc = "The cancel won: the call's unfinished task b was cancelled.")
@Outcome(id = "false, RUNNING", expect = ACCEPTABLE, desc = "The wait completed first: b is pending, as wait leaves it.")
@Outcome(id = "true, RUNNING", expect = FORBIDDEN, desc = "cancel() returned true, yet b runs on and nothing can reach it (issue 8, bug 3).")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a wait that completed must not cancel its pending task.")
@State
public class WaitCancelVsCompletion {
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final Task<String> b;
  private final CompletableFuture<WaitResult<String>> future;

  public WaitCancelVsCompletion() {
    FanOutCall<String> call =
        new FanOutCall<>(
            Stages.INLINE, Stages.site("waitCancel").returnWhen(ReturnWhen.FIRST_COMPLETED));
    call.submitStage("a", () -> a);
    b = call.submitStage("b", CompletableFuture::new);
    future = call.waitForAsync();
  }

  @Actor
  public void complete() {
    a.complete("a");
  }

  @Actor
  public void cancel(ZL_Result r) {
    r.r1 = future.cancel(false);
  }

  @Arbiter
  public void arbiter(ZL_Result r) {
    r.r2 = b.state();
  }
}
