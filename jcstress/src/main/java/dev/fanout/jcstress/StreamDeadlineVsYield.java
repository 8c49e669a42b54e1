package dev.fanout.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Task;
import dev.fanout.internal.FanOutCall;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ILZ_Result;

/**
 * Stream deadline vs. yield: a task stream with a 50 µs timeout over a and b. The consumer
 * starts the call and reads; the other actor completes a at once and b only after the deadline
 * has surely passed. Nothing that finishes after the deadline is yielded, and the stream ends
 * with the timeout.
 *
 * <p>r1: what was yielded (1 = a, 2 = b, added); r2: how the stream ended; r3: b was completed
 * by the actor (not cancelled by the deadline first).
 */
@JCStressTest
@Outcome(id = "1, TIMEOUT, .*", expect = ACCEPTABLE, desc = "a finished in time and was yielded, then the timeout.")
@Outcome(id = "0, TIMEOUT, .*", expect = ACCEPTABLE, desc = "The deadline passed before a finished: only the timeout.")
@Outcome(id = "[23], .*", expect = FORBIDDEN, desc = "b, which finished after the deadline, was yielded (issue 8, bug 2).")
@Outcome(expect = FORBIDDEN, desc = "Anything else: the stream must end with the timeout.")
@State
public class StreamDeadlineVsYield {
  private static final long TIMEOUT_NANOS = 50_000;

  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final CompletableFuture<String> b = new CompletableFuture<>();
  /** When the consumer had created the call: the call's deadline is at most this plus the timeout. */
  private volatile Long created;

  @Actor
  public void consumer(ILZ_Result r) {
    FanOutCall<String> call =
        new FanOutCall<>(
            Stages.INLINE, Stages.site("streamDeadline"), Duration.ofNanos(TIMEOUT_NANOS));
    created = System.nanoTime();
    call.submitStage("a", () -> a);
    call.submitStage("b", () -> b);
    int yielded = 0;
    try (Stream<Task<String>> stream = call.asCompletedTasks()) {
      Iterator<Task<String>> it = stream.iterator();
      while (it.hasNext()) {
        yielded += it.next().index() + 1;
      }
      r.r2 = "END";
    } catch (FanOutTimeoutException e) {
      r.r2 = "TIMEOUT";
    } catch (RuntimeException e) {
      r.r2 = e.getClass().getSimpleName();
    }
    r.r1 = yielded;
  }

  @Actor
  public void complete(ILZ_Result r) {
    a.complete("a");
    Long at;
    while ((at = created) == null) {
      Thread.onSpinWait();
    }
    Stages.spinUntil(at + TIMEOUT_NANOS);
    r.r3 = b.complete("b");
  }
}
