package dev.example.profile;

import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import dev.fanout.internal.DefaultExecutor;
import dev.fanout.internal.Dependency;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Profile}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class ProfileCoordinator extends Profile {
  private static final Site OVERVIEW = Site.named("Profile.overview").declaring(IOException.class);

  private static final Site OVERVIEW_TASKS = Site.named("Profile.overviewTasks")
      .returnWhen(ReturnWhen.FIRST_EXCEPTION);

  private static final Site OVERVIEW_AS_READY = Site.named("Profile.overviewAsReady");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   */
  public ProfileCoordinator() {
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   */
  public ProfileCoordinator(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code user}, {@code orders}, {@code recs} and {@code score}, each once the tasks it takes
   * results from have ended, and returns their results in task order, as {@code asyncio.gather}.
   */
  @Override
  public Profile.Overview overview(long id) throws IOException {
    FanOutCall<Object> call = new FanOutCall<>(executor, OVERVIEW, 4);
    Task<Profile.User> user = call.submit(0, "user", () -> user(id));
    Task<List<Profile.Order>> orders = call.submit(1, "orders", () -> orders(user.result()),
        Dependency.on(user));
    Task<Profile.Recs> recs = call.submitStage(2, "recs", () -> recs(user.result()),
        Dependency.on(user));
    Task<Profile.Score> score = call.submit(3, "score",
        () -> score(orders.result(), recs.outcome()), Dependency.on(orders),
        Dependency.onOutcome(recs));
    call.gather();
    return new Profile.Overview(user.result(), orders.result(), recs.result(), score.result());
  }

  /**
   * Runs {@code user}, {@code orders}, {@code recs} and {@code score}, each once the tasks it takes
   * results from have ended, and returns the tasks when {@code FIRST_EXCEPTION} holds or the
   * timeout passes, as {@code asyncio.wait}. {@code timeout} is the call's timeout.
   */
  @Override
  public WaitResult<?> overviewTasks(long id, Duration timeout) {
    FanOutCall<Object> call = new FanOutCall<>(executor, OVERVIEW_TASKS, timeout, 4);
    Task<Profile.User> user = call.submit(0, "user", () -> user(id));
    Task<List<Profile.Order>> orders = call.submit(1, "orders", () -> orders(user.result()),
        Dependency.on(user));
    Task<Profile.Recs> recs = call.submitStage(2, "recs", () -> recs(user.result()),
        Dependency.on(user));
    call.submit(3, "score", () -> score(orders.result(), recs.outcome()), Dependency.on(orders),
        Dependency.onOutcome(recs));
    return call.waitFor();
  }

  /**
   * Runs {@code score}, {@code recs}, {@code orders} and {@code user}, each once the tasks it takes
   * results from have ended, and streams the finished tasks in the order they finish.
   */
  @Override
  public Stream<Task<?>> overviewAsReady(long id) {
    FanOutCall<Object> call = new FanOutCall<>(executor, OVERVIEW_AS_READY, 4);
    Task<Profile.User> user = call.submit(3, "user", () -> user(id));
    Task<Profile.Recs> recs = call.submitStage(1, "recs", () -> recs(user.result()),
        Dependency.on(user));
    Task<List<Profile.Order>> orders = call.submit(2, "orders", () -> orders(user.result()),
        Dependency.on(user));
    call.submit(0, "score", () -> score(orders.result(), recs.outcome()), Dependency.on(orders),
        Dependency.onOutcome(recs));
    // Safe: the engine never writes to its result, so widening a nested type argument is sound.
    @SuppressWarnings("unchecked")
    Stream<Task<?>> result = (Stream<Task<?>>) (Stream<?>) call.asCompletedTasks();
    return result;
  }
}
