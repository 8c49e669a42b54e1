package dev.example.dashboard;

import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import dev.fanout.internal.DefaultExecutor;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import dev.fanout.internal.TaskFunction;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Dashboard}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class DashboardCoordinator extends Dashboard {
  private static final Site OVERVIEW = Site.named("Dashboard.overview")
      .declaring(IOException.class);

  private static final Site USERS = Site.named("Dashboard.users");

  private static final Site USERS_SETTLED = Site.named("Dashboard.usersSettled");

  private static final Site USERS_ASYNC = Site.named("Dashboard.usersAsync").maxConcurrency(8)
      .timeout(Duration.parse("PT2S"));

  private static final Site USERS_WITHIN = Site.named("Dashboard.usersWithin")
      .cancelOnFailure(false).declaring(IOException.class, TimeoutException.class);

  private static final Site AUDIT_AND_SCORE = Site.named("Dashboard.auditAndScore");

  private static final Site FIRST_USER = Site.named("Dashboard.firstUser")
      .returnWhen(ReturnWhen.FIRST_COMPLETED);

  private static final Site USERS_AS_READY = Site.named("Dashboard.usersAsReady");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   */
  public DashboardCoordinator() {
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   */
  public DashboardCoordinator(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code user}, {@code orders}, {@code weather} and {@code score} together and returns their
   * results in task order, as {@code asyncio.gather}.
   */
  @Override
  public Dashboard.Overview overview(long id, String city) throws IOException {
    FanOutCall<Object> call = new FanOutCall<>(executor, OVERVIEW);
    Task<Dashboard.User> user = call.submit("user", () -> user(id));
    Task<List<Dashboard.Order>> orders = call.submit("orders", () -> orders(id));
    Task<Dashboard.Weather> weather = call.submitStage("weather", () -> weather(city));
    Task<Integer> score = call.submit("score", () -> Dashboard.score(id));
    call.gather();
    return new Dashboard.Overview(user.result(), orders.result(), weather.result(), score.result());
  }

  /**
   * Runs {@code user} once per element of {@code ids} together and returns their results in the
   * order of {@code ids}, as {@code asyncio.gather}.
   */
  @Override
  List<Dashboard.User> users(List<Long> ids) {
    FanOutCall<Dashboard.User> call = new FanOutCall<>(executor, USERS, ids.size());
    TaskFunction<Long, Dashboard.User> user = id -> user(id);
    for (Long id : ids) {
      call.submit("user", user, id);
    }
    return call.gatherList();
  }

  /**
   * Runs {@code user} once per element of {@code ids} together and returns how each one ended, in
   * the order of {@code ids}; a failure is returned, not thrown.
   */
  @Override
  List<Outcome<Dashboard.User>> usersSettled(Set<Long> ids) {
    FanOutCall<Dashboard.User> call = new FanOutCall<>(executor, USERS_SETTLED, ids.size());
    TaskFunction<Long, Dashboard.User> user = id -> user(id);
    for (Long id : ids) {
      call.submit("user", user, id);
    }
    return call.settleList();
  }

  /**
   * Runs {@code user} once per element of {@code ids} together and returns their results in the
   * order of {@code ids}, as {@code asyncio.gather}. Returns at once; cancelling the returned
   * future cancels the tasks.
   */
  @Override
  CompletableFuture<List<Dashboard.User>> usersAsync(long[] ids) {
    FanOutCall<Dashboard.User> call = new FanOutCall<>(executor, USERS_ASYNC, ids.length);
    TaskFunction<Long, Dashboard.User> user = id -> user(id);
    for (long id : ids) {
      call.submit("user", user, id);
    }
    return call.gatherListAsync();
  }

  /**
   * Runs {@code user} once per element of {@code ids} together and returns their results in the
   * order of {@code ids}, as {@code asyncio.gather}. {@code timeout} is the call's timeout.
   */
  @Override
  protected List<Dashboard.User> usersWithin(List<Long> ids, Duration timeout) throws IOException,
      TimeoutException {
    FanOutCall<Dashboard.User> call = new FanOutCall<>(executor, USERS_WITHIN, timeout, ids.size());
    TaskFunction<Long, Dashboard.User> user = id -> user(id);
    for (Long id : ids) {
      call.submit("user", user, id);
    }
    return call.gatherList();
  }

  /**
   * Runs {@code audit} and {@code score} together and waits for all of them, as
   * {@code asyncio.gather}.
   */
  @Override
  void auditAndScore(long id) {
    FanOutCall<Object> call = new FanOutCall<>(executor, AUDIT_AND_SCORE);
    call.submit("audit", () -> { audit(id); return null; });
    call.submit("score", () -> Dashboard.score(id));
    call.gather();
  }

  /**
   * Runs {@code user} once per element of {@code ids} together and returns the tasks when
   * {@code FIRST_COMPLETED} holds or the timeout passes, as {@code asyncio.wait}. {@code timeout}
   * is the call's timeout.
   */
  @Override
  WaitResult<Dashboard.User> firstUser(List<Long> ids, Duration timeout) {
    FanOutCall<Dashboard.User> call = new FanOutCall<>(executor, FIRST_USER, timeout, ids.size());
    TaskFunction<Long, Dashboard.User> user = id -> user(id);
    for (Long id : ids) {
      call.submit("user", user, id);
    }
    return call.waitFor();
  }

  /**
   * Runs {@code user} once per element of {@code ids} together and streams their results in the
   * order they finish, as {@code asyncio.as_completed}.
   */
  @Override
  Stream<Dashboard.User> usersAsReady(List<Long> ids) {
    FanOutCall<Dashboard.User> call = new FanOutCall<>(executor, USERS_AS_READY, ids.size());
    TaskFunction<Long, Dashboard.User> user = id -> user(id);
    for (Long id : ids) {
      call.submit("user", user, id);
    }
    return call.asCompleted();
  }
}
