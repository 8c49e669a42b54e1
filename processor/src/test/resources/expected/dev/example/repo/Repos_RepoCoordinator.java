package dev.example.repo;

import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.internal.DefaultExecutor;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import dev.fanout.internal.StageFunction;
import dev.fanout.internal.TaskFunction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Repos.Repo}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 *
 * @param <K> as in {@code Repo}
 * @param <V> as in {@code Repo}
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class Repos_RepoCoordinator<K extends Comparable<K>, V> extends Repos.Repo<K, V> {
  private static final Site LOAD_ALL = Site.named("Repos.Repo.loadAll");

  private static final Site BOTH = Site.named("Repos.Repo.both");

  private static final Site LOAD_ALL_LATER = Site.named("Repos.Repo.loadAllLater");

  private static final Site ANYWAY = Site.named("Repos.Repo.anyway");

  private static final Site TOUCH = Site.named("Repos.Repo.touch");

  private static final Site WARM = Site.named("Repos.Repo.warm");

  private static final Site CACHED_ALL = Site.named("Repos.Repo.cachedAll");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   */
  public Repos_RepoCoordinator() {
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   */
  public Repos_RepoCoordinator(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code load} once per element of {@code keys} together and returns how each one ended, in
   * the order of {@code keys}; a failure is returned, not thrown.
   */
  @Override
  public List<Outcome<V>> loadAll(List<K> keys) {
    FanOutCall<V> call = new FanOutCall<>(executor, LOAD_ALL, keys.size());
    StageFunction<K, V> load = key -> load(key);
    for (K key : keys) {
      call.submitStage("load", load, key);
    }
    return call.settleList();
  }

  /**
   * Runs {@code load} and {@code cached} together and returns how each one ended, in task order; a
   * failure is returned, not thrown. Returns at once; cancelling the returned future cancels the
   * tasks.
   */
  @Override
  public CompletableFuture<Repos.Both<V>> both(K key) {
    FanOutCall<Object> call = new FanOutCall<>(executor, BOTH);
    Task<V> load = call.submitStage("load", () -> load(key));
    Task<V> cached = call.submit("cached", () -> cached(key));
    return call.settleAsync(() -> new Repos.Both<>(load.outcome(), cached.outcome()));
  }

  /**
   * Runs {@code load} once per element of {@code keys} together and returns their results in the
   * order of {@code keys}, as {@code asyncio.gather}. Returns at once; cancelling the returned
   * future cancels the tasks.
   */
  @Override
  public CompletionStage<List<V>> loadAllLater(List<? extends K> keys) {
    FanOutCall<V> call = new FanOutCall<>(executor, LOAD_ALL_LATER, keys.size());
    StageFunction<K, V> load = key -> load(key);
    for (K key : keys) {
      call.submitStage("load", load, key);
    }
    return call.gatherListAsync();
  }

  /**
   * Runs {@code load} and {@code cached} together and returns how each one ended, in task order; a
   * failure is returned, not thrown.
   */
  @Override
  List<Outcome<?>> anyway(K key) {
    FanOutCall<Object> call = new FanOutCall<>(executor, ANYWAY);
    call.submitStage("load", () -> load(key));
    call.submit("cached", () -> cached(key));
    // Safe: the engine never writes to its result, so widening a nested type argument is sound.
    @SuppressWarnings("unchecked")
    List<Outcome<?>> result = (List<Outcome<?>>) (List<?>) call.settleList();
    return result;
  }

  /**
   * Runs {@code load} once per element of {@code keys} together and waits for every one to end,
   * failed or not. Returns at once; cancelling the returned future cancels the tasks.
   */
  @Override
  CompletableFuture<Void> touch(List<K> keys) {
    FanOutCall<Object> call = new FanOutCall<>(executor, TOUCH, keys.size());
    StageFunction<K, V> load = key -> load(key);
    for (K key : keys) {
      call.submitStage("load", load, key);
    }
    return call.settleAsync();
  }

  /**
   * Runs {@code load} and {@code cached} together and waits for all of them, as
   * {@code asyncio.gather}. Returns at once; cancelling the returned future cancels the tasks.
   */
  @Override
  CompletableFuture<Void> warm(K key) {
    FanOutCall<Object> call = new FanOutCall<>(executor, WARM);
    call.submitStage("load", () -> load(key));
    call.submit("cached", () -> cached(key));
    return call.gatherAsync();
  }

  /**
   * Runs {@code cached} once per element of {@code keys} together and returns their results in the
   * order of {@code keys}, as {@code asyncio.gather}.
   */
  @Override
  List<? super V> cachedAll(List<K> keys) {
    FanOutCall<V> call = new FanOutCall<>(executor, CACHED_ALL, keys.size());
    TaskFunction<K, V> cached = key -> cached(key);
    for (K key : keys) {
      call.submit("cached", cached, key);
    }
    return call.gatherList();
  }
}
