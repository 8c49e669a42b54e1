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
import org.openjdk.jcstress.infra.results.ZZL_Result;

/**
 * First failure vs. late success: a blocking gather (cancelOnFailure) over a, b, c, while the
 * other actor fails a and then completes b; c never finishes on its own. (Two actors, so that
 * the test also runs on two CPUs.)
 *
 * <p>r1: the gather threw a's exception; r2: a failure was seen while launching (a's stage had
 * failed when it was invoked) and yet b or c was started; r3: "b's state/c's state".
 */
@JCStressTest
@Outcome(id = "true, false, SUCCESS/CANCELLED", expect = ACCEPTABLE, desc = "b succeeded before the failure ended the call; c was cancelled.")
@Outcome(id = "true, false, CANCELLED/CANCELLED", expect = ACCEPTABLE, desc = "The failure came first: b and c were cancelled.")
@Outcome(id = "true, true, .*", expect = FORBIDDEN, desc = "A slot started after a failure seen during the launch (issue 8, bug 6).")
@Outcome(id = "true, false, .*RUNNING.*", expect = FORBIDDEN, desc = "A task outlived the gather.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: the gather must throw the first failure.")
@State
public class GatherFailureVsLateSuccess {
  private final IllegalStateException boom = new IllegalStateException("boom");
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final CompletableFuture<String> b = new CompletableFuture<>();
  private final FanOutCall<String> call = new FanOutCall<>(Stages.INLINE, Stages.site("gatherFailure"));
  private final Task<String> taskB;
  private final Task<String> taskC;
  private volatile boolean failedAtLaunch;
  private volatile boolean startedAfter;

  public GatherFailureVsLateSuccess() {
    call.submitStage(
        "a",
        () -> {
          failedAtLaunch = a.isCompletedExceptionally();
          return a;
        });
    taskB = call.submitStage("b", () -> started(b));
    taskC = call.submitStage("c", () -> started(new CompletableFuture<>()));
  }

  private CompletableFuture<String> started(CompletableFuture<String> stage) {
    if (failedAtLaunch) {
      startedAfter = true;
    }
    return stage;
  }

  @Actor
  public void caller(ZZL_Result r) {
    try {
      call.gatherList();
      r.r1 = false;
    } catch (RuntimeException e) {
      r.r1 = e == boom;
    }
  }

  @Actor
  public void failThenSucceed() {
    a.completeExceptionally(boom);
    b.complete("b");
  }

  @Arbiter
  public void arbiter(ZZL_Result r) {
    r.r2 = startedAfter;
    r.r3 = taskB.state() + "/" + taskC.state();
  }
}
