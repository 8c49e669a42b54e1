package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import dev.fanout.internal.FanOutCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * An expired timer vs. the call's start: an async wait whose timeout (1 ns) has passed before
 * the call begins, over a (completed by the other actor) and b (never finishes). The wait must
 * launch, then complete with what finished: never with null, never before its tasks launched.
 *
 * <p>r1: the WaitResult as "done|pending" task names (or NULL, HUNG, the failure); r2: the
 * states of a and b after the result was closed.
 */
@JCStressTest
@Outcome(id = "a\\|b, SUCCESS/CANCELLED", expect = ACCEPTABLE, desc = "a finished during the launch: done, b pending and then closed.")
@Outcome(id = "\\|ab, (SUCCESS|CANCELLED)/CANCELLED", expect = ACCEPTABLE, desc = "Nothing had finished: both pending, then closed.")
@Outcome(id = "NULL, .*", expect = FORBIDDEN, desc = "The wait completed with null: the timer fired before the call began (issue 8, bug 4).")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a hang, a failure, or a task left running after close().")
@State
public class ExpiredTimerVsStart {
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private volatile List<Task<String>> tasks;
  private volatile CompletableFuture<WaitResult<String>> future;

  @Actor
  public void caller() {
    FanOutCall<String> call =
        new FanOutCall<>(
            Stages.INLINE,
            Stages.site("expiredTimer").returnWhen(ReturnWhen.ALL_COMPLETED),
            Duration.ofNanos(1));
    tasks = List.of(call.submitStage("a", () -> a), call.submitStage("b", CompletableFuture::new));
    future = call.waitForAsync();
  }

  @Actor
  public void complete() {
    a.complete("a");
  }

  @Arbiter
  public void arbiter(LL_Result r) {
    String ending = Stages.ending(future);
    if (!ending.equals("OK")) {
      r.r1 = ending;
      r.r2 = states();
      return;
    }
    WaitResult<String> result = future.getNow(null);
    if (result == null) {
      r.r1 = "NULL";
      r.r2 = states();
      return;
    }
    r.r1 = names(result.done()) + "|" + names(result.pending());
    result.close();
    r.r2 = states();
  }

  private static String names(List<Task<String>> tasks) {
    return tasks.stream().map(Task::name).collect(Collectors.joining());
  }

  private String states() {
    return tasks.stream().map(t -> t.state().toString()).collect(Collectors.joining("/"));
  }
}
