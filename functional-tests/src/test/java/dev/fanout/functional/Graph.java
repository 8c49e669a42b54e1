package dev.fanout.functional;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An owner whose sites run task graphs. The diamond: {@code user} feeds {@code orders} and
 * {@code recs} (a stage task), which feed {@code score}; {@code digest} takes the outcome of
 * {@code recs} instead of its result; {@code audit} feeds {@code log}, a branch of its own. Each
 * test scripts what the tasks do through {@link Hooks}.
 */
public abstract class Graph {

  /** What a task does: {@code task} is its name, {@code input} what it was given. */
  public interface Hooks {
    String run(String task, String input) throws Exception;
  }

  /** The diamond's results, in slot order. */
  public record Overview(String user, String orders, String recs, String score) {}

  /** The diamond's handles, in slot order. */
  public record Handles(
      Task<String> user, Task<String> orders, Task<String> recs, Task<String> score) {}

  private final Hooks hooks;
  private final Executor stages;

  /** {@code stages} completes the stage task {@code recs}, off the thread that invoked it. */
  protected Graph(Hooks hooks, Executor stages) {
    this.hooks = hooks;
    this.stages = stages;
  }

  @Async
  String user(long id) throws Exception {
    return hooks.run("user", "u" + id);
  }

  @Async
  String orders(String user) throws Exception {
    return hooks.run("orders", user);
  }

  @Async
  CompletableFuture<String> recs(String user) {
    CompletableFuture<String> recs = new CompletableFuture<>();
    stages.execute(() -> {
      try {
        recs.complete(hooks.run("recs", user));
      } catch (Throwable e) {
        recs.completeExceptionally(e);
      }
    });
    return recs;
  }

  @Async
  String score(String orders, String recs) throws Exception {
    return hooks.run("score", orders + "+" + recs);
  }

  @Async
  String digest(String orders, Outcome<String> recs) throws Exception {
    String taken = recs instanceof Outcome.Success<String> success ? success.value() : "no recs";
    return hooks.run("digest", orders + "+" + taken);
  }

  @Async
  String audit(long id) throws Exception {
    return hooks.run("audit", "a" + id);
  }

  @Async
  String log(String audit) throws Exception {
    return hooks.run("log", audit);
  }

  // ---- @Gather -------------------------------------------------------------------------------

  @Gather({"user", "orders", "recs", "score"})
  public abstract Overview overview(long id) throws Exception;

  @Gather({"user", "orders", "recs", "score"})
  public abstract CompletableFuture<Overview> overviewAsync(long id);

  @Gather(value = {"user", "orders", "recs", "score", "digest", "audit", "log"},
      maxConcurrency = 1)
  public abstract List<String> oneAtATime(long id) throws Exception;

  @Gather(value = {"user", "orders", "recs", "score", "digest", "audit", "log"},
      returnExceptions = true)
  public abstract List<Outcome<String>> settled(long id);

  @Gather(value = {"user", "orders", "recs", "score", "digest", "audit", "log"},
      returnExceptions = true)
  public abstract CompletableFuture<List<Outcome<String>>> settledAsync(long id);

  @Gather(value = {"user", "orders", "recs", "score", "audit", "log"}, cancelOnFailure = false)
  public abstract List<String> runOn(long id) throws Exception;

  @Gather({"user", "orders", "recs", "score", "audit", "log"})
  public abstract List<String> within(long id, Duration timeout)
      throws TimeoutException, InterruptedException;

  // ---- @Wait and @AsCompleted ----------------------------------------------------------------

  @Wait(value = {"user", "orders", "recs", "score"}, returnWhen = ReturnWhen.FIRST_COMPLETED)
  public abstract CompletableFuture<WaitResult<String>> firstDone(long id);

  @Wait({"user", "orders", "recs", "score"})
  public abstract Handles handles(long id, Duration timeout);

  @AsCompleted({"user", "orders", "recs", "score", "digest", "audit"})
  public abstract Stream<Task<String>> asReady(long id);
}
