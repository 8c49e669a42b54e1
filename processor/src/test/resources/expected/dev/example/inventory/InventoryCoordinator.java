package dev.example.inventory;

import dev.fanout.Task;
import dev.fanout.WaitResult;
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
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Inventory}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class InventoryCoordinator implements Inventory {
  private static final Site LOOKUPS = Site.named("Inventory.lookups");

  private static final Site ANY_OF = Site.named("Inventory.anyOf");

  private static final Site LOOKUPS_LATER = Site.named("Inventory.lookupsLater");

  private static final Site STOCKS_LATER = Site.named("Inventory.stocksLater");

  private static final Site STOCKS = Site.named("Inventory.stocks");

  private static final Site FINISHED = Site.named("Inventory.finished");

  private static final Site DESCRIPTIONS = Site.named("Inventory.descriptions").maxConcurrency(2);

  private static final Site PRICES = Site.named("Inventory.prices");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   */
  public InventoryCoordinator() {
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   */
  public InventoryCoordinator(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code stock} and {@code price} together and returns the tasks when {@code ALL_COMPLETED}
   * holds, as {@code asyncio.wait}.
   */
  @Override
  public Inventory.Lookups lookups(String sku) {
    FanOutCall<Object> call = new FanOutCall<>(executor, LOOKUPS);
    Task<Inventory.Stock> stock = call.submit("stock", () -> stock(sku));
    Task<Integer> price = call.submit("price", () -> Inventory.price(sku));
    call.waitFor();
    return new Inventory.Lookups(stock, price);
  }

  /**
   * Runs {@code stock}, {@code price} and {@code describe} together and returns the tasks when
   * {@code ALL_COMPLETED} holds, as {@code asyncio.wait}.
   */
  @Override
  public WaitResult<?> anyOf(String sku) {
    FanOutCall<Object> call = new FanOutCall<>(executor, ANY_OF);
    call.submit("stock", () -> stock(sku));
    call.submit("price", () -> Inventory.price(sku));
    call.submitStage("describe", () -> describe(sku));
    return call.waitFor();
  }

  /**
   * Runs {@code stock} and {@code price} together and returns the tasks when {@code ALL_COMPLETED}
   * holds, as {@code asyncio.wait}. Returns at once; cancelling the returned future cancels the
   * tasks.
   */
  @Override
  public CompletionStage<Inventory.Lookups> lookupsLater(String sku) {
    FanOutCall<Object> call = new FanOutCall<>(executor, LOOKUPS_LATER);
    Task<Inventory.Stock> stock = call.submit("stock", () -> stock(sku));
    Task<Integer> price = call.submit("price", () -> Inventory.price(sku));
    return call.waitForAsync(result -> new Inventory.Lookups(stock, price));
  }

  /**
   * Runs {@code stock} once per element of {@code skus} together and returns the tasks when
   * {@code ALL_COMPLETED} holds, as {@code asyncio.wait}. Returns at once; cancelling the returned
   * future cancels the tasks.
   */
  @Override
  public CompletableFuture<WaitResult<Inventory.Stock>> stocksLater(List<String> skus) {
    FanOutCall<Inventory.Stock> call = new FanOutCall<>(executor, STOCKS_LATER, skus.size());
    TaskFunction<String, Inventory.Stock> stock = sku -> stock(sku);
    for (String sku : skus) {
      call.submit("stock", stock, sku);
    }
    return call.waitForAsync();
  }

  /**
   * Runs {@code stock} once per element of {@code skus} together and streams their results in the
   * order they finish, as {@code asyncio.as_completed}.
   */
  @Override
  public Stream<Inventory.Stock> stocks(List<String> skus) {
    FanOutCall<Inventory.Stock> call = new FanOutCall<>(executor, STOCKS, skus.size());
    TaskFunction<String, Inventory.Stock> stock = sku -> stock(sku);
    for (String sku : skus) {
      call.submit("stock", stock, sku);
    }
    return call.asCompleted();
  }

  /**
   * Runs {@code stock}, {@code price} and {@code describe} together and streams the finished tasks
   * in the order they finish.
   */
  @Override
  public Stream<Task<?>> finished(String sku) {
    FanOutCall<Object> call = new FanOutCall<>(executor, FINISHED);
    call.submit("stock", () -> stock(sku));
    call.submit("price", () -> Inventory.price(sku));
    call.submitStage("describe", () -> describe(sku));
    // Safe: the engine never writes to its result, so widening a nested type argument is sound.
    @SuppressWarnings("unchecked")
    Stream<Task<?>> result = (Stream<Task<?>>) (Stream<?>) call.asCompletedTasks();
    return result;
  }

  /**
   * Runs {@code describe} once per element of {@code skus} together and streams the finished tasks
   * in the order they finish. Returns at once; cancelling the returned future cancels the tasks.
   */
  @Override
  public CompletableFuture<Stream<Task<String>>> descriptions(String[] skus) {
    FanOutCall<String> call = new FanOutCall<>(executor, DESCRIPTIONS, skus.length);
    StageFunction<String, String> describe = sku -> describe(sku);
    for (String sku : skus) {
      call.submitStage("describe", describe, sku);
    }
    return call.asCompletedTasksAsync();
  }

  /**
   * Runs {@code price} once per element of {@code skus} together and streams their results in the
   * order they finish, as {@code asyncio.as_completed}. Returns at once; cancelling the returned
   * future cancels the tasks.
   */
  @Override
  public CompletionStage<Stream<Integer>> prices(Iterable<String> skus) {
    FanOutCall<Integer> call = new FanOutCall<>(executor, PRICES);
    TaskFunction<String, Integer> price = sku -> Inventory.price(sku);
    for (String sku : skus) {
      call.submit("price", price, sku);
    }
    return call.asCompletedAsync();
  }
}
