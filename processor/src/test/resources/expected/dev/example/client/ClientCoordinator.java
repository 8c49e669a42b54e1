package dev.example.client;

import dev.fanout.internal.DefaultExecutor;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import dev.fanout.internal.TaskFunction;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Client}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class ClientCoordinator extends Client {
  private static final Site GET_ALL = Site.named("Client.getAll");

  private static final Site HEAD_ALL = Site.named("Client.headAll");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   *
   * @param base passed on to the {@code Client} constructor
   * @param retries passed on to the {@code Client} constructor
   */
  public ClientCoordinator(String base, int retries) throws IOException {
    super(base, retries);
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   * @param base passed on to the {@code Client} constructor
   * @param retries passed on to the {@code Client} constructor
   */
  public ClientCoordinator(Executor executor, String base, int retries) throws IOException {
    super(base, retries);
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   *
   * @param executor passed on to the {@code Client} constructor
   */
  public ClientCoordinator(String... executor) {
    super(executor);
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor_}.
   *
   * @param executor_ the executor that runs the tasks
   * @param executor passed on to the {@code Client} constructor
   */
  public ClientCoordinator(Executor executor_, String... executor) {
    super(executor);
    this.executor = Objects.requireNonNull(executor_, "executor");
  }

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   *
   * @param <T> as in the {@code Client} constructor
   * @param base passed on to the {@code Client} constructor
   * @param mirrors passed on to the {@code Client} constructor
   */
  public <T extends CharSequence> ClientCoordinator(T base, List<? extends T> mirrors) {
    super(base, mirrors);
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param <T> as in the {@code Client} constructor
   * @param executor the executor that runs the tasks
   * @param base passed on to the {@code Client} constructor
   * @param mirrors passed on to the {@code Client} constructor
   */
  public <T extends CharSequence> ClientCoordinator(Executor executor, T base,
      List<? extends T> mirrors) {
    super(base, mirrors);
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code get} once per element of {@code calls} together and returns their results in the
   * order of {@code calls}, as {@code asyncio.gather}.
   */
  @Override
  public List<String> getAll(List<String> calls) {
    FanOutCall<String> call_ = new FanOutCall<>(executor, GET_ALL, calls.size());
    TaskFunction<String, String> get = call -> get(call);
    for (String call : calls) {
      call_.submit("get", get, call);
    }
    return call_.gatherList();
  }

  /**
   * Runs {@code head} once per element of {@code results} together and returns their results in the
   * order of {@code results}, as {@code asyncio.gather}.
   */
  @Override
  public List<String> headAll(String executor, int[] results) {
    FanOutCall<String> call = new FanOutCall<>(this.executor, HEAD_ALL, results.length);
    TaskFunction<Integer, String> head = result -> head(executor, result);
    for (int result : results) {
      call.submit("head", head, result);
    }
    return call.gatherList();
  }
}
