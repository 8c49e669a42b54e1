package dev.example.inventory;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Task;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/** An interface owner: the @Wait and @AsCompleted shapes, over default and static tasks. */
public interface Inventory {
  record Stock(String sku, int count) {}

  record Lookups(Task<Stock> stock, Task<Integer> price) {}

  @Async
  default Stock stock(String sku) {
    return new Stock(sku, 3);
  }

  @Async
  static int price(String sku) {
    return sku.length();
  }

  @Async
  default CompletionStage<String> describe(String sku) {
    return CompletableFuture.completedFuture("a " + sku);
  }

  @Wait({"stock", "price"})
  Lookups lookups(String sku);

  @Wait({"stock", "price", "describe"})
  WaitResult<?> anyOf(String sku);

  @Wait({"stock", "price"})
  CompletionStage<Lookups> lookupsLater(String sku);

  @Wait("stock")
  CompletableFuture<WaitResult<Stock>> stocksLater(List<String> skus);

  @AsCompleted("stock")
  Stream<Stock> stocks(List<String> skus);

  @AsCompleted({"stock", "price", "describe"})
  Stream<Task<?>> finished(String sku);

  @AsCompleted(value = "describe", maxConcurrency = 2)
  CompletableFuture<Stream<Task<String>>> descriptions(String[] skus);

  @AsCompleted("price")
  CompletionStage<Stream<Integer>> prices(Iterable<String> skus);
}
