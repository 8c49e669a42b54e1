package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.Task;
import dev.fanout.WaitResult;
import dev.fanout.internal.FanOutCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * WaitResult.close() vs. launch, under maxConcurrency 1: a wait with a zero timeout returns at
 * once with a running and b, c not started. One actor completes a (its permit launches b), the
 * other closes the result.
 *
 * <p>r1: b started; r2: c started; r3: every task had ended after close().
 */
@JCStressTest
@Outcome(id = "false, false, true", expect = ACCEPTABLE, desc = "close() came first: nothing more started.")
@Outcome(id = "true, false, true", expect = ACCEPTABLE, desc = "a's permit went to b before close(), which cancelled it.")
@Outcome(id = ".*, true, .*", expect = FORBIDDEN, desc = "close() launched c: cancelling b handed its permit on (issue 8, bug 5).")
@Outcome(expect = FORBIDDEN, desc = "Anything else: after close() no task is left unfinished.")
@State
public class CloseVsLaunch {
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final List<Task<String>> tasks;
  private final WaitResult<String> result;
  private volatile boolean bStarted;
  private volatile boolean cStarted;

  public CloseVsLaunch() {
    FanOutCall<String> call =
        new FanOutCall<>(Stages.INLINE, Stages.site("closeVsLaunch").maxConcurrency(1), Duration.ZERO);
    tasks =
        List.of(
            call.submitStage("a", () -> a),
            call.submitStage(
                "b",
                () -> {
                  bStarted = true;
                  return new CompletableFuture<>();
                }),
            call.submitStage(
                "c",
                () -> {
                  cStarted = true;
                  return new CompletableFuture<>();
                }));
    result = call.waitFor();
  }

  @Actor
  public void complete() {
    a.complete("a");
  }

  @Actor
  public void close() {
    result.close();
  }

  @Arbiter
  public void arbiter(ZZZ_Result r) {
    r.r1 = bStarted;
    r.r2 = cStarted;
    r.r3 = tasks.stream().allMatch(Task::isDone);
  }
}
