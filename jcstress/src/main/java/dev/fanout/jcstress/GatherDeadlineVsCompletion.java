package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.Task;
import dev.fanout.internal.FanOutCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Deadline vs. completion: an async gather with a 20 µs timeout over one stage task, which the
 * other actor completes at about the same time.
 *
 * <p>r1: how the returned future ended (within 5 s, else HUNG); r2: the task's state.
 */
@JCStressTest
@Outcome(id = "OK, SUCCESS", expect = ACCEPTABLE, desc = "The task finished in time.")
@Outcome(id = "TIMEOUT, CANCELLED", expect = ACCEPTABLE, desc = "The deadline came first and cancelled the task.")
@Outcome(id = "TIMEOUT, SUCCESS", expect = ACCEPTABLE_INTERESTING, desc = "The task finished while the deadline was ending the call.")
@Outcome(id = "HUNG, .*", expect = FORBIDDEN, desc = "The future never completed.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a timed-out call leaves nothing running, a completed one has the result.")
@State
public class GatherDeadlineVsCompletion {
  private final CompletableFuture<String> stage = new CompletableFuture<>();
  private volatile Task<String> task;
  private volatile CompletableFuture<List<String>> future;

  @Actor
  public void caller() {
    FanOutCall<String> call =
        new FanOutCall<>(Stages.INLINE, Stages.site("gatherDeadline"), Duration.ofNanos(20_000));
    task = call.submitStage("a", () -> stage);
    future = call.gatherListAsync();
  }

  @Actor
  public void complete() {
    stage.complete("a");
  }

  @Arbiter
  public void arbiter(LL_Result r) {
    r.r1 = Stages.ending(future);
    r.r2 = task.state();
  }
}
