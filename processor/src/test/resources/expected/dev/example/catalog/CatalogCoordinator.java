package dev.example.catalog;

import dev.fanout.Task;
import dev.fanout.internal.DefaultExecutor;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import dev.fanout.internal.TaskFunction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Catalog}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class CatalogCoordinator extends Catalog {
  private static final Site ENTRY = Site.named("Catalog.entry");

  private static final Site PRICES = Site.named("Catalog.prices");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   */
  public CatalogCoordinator() {
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   */
  public CatalogCoordinator(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code title} and {@code kind} together and returns their results in task order, as
   * {@code asyncio.gather}.
   */
  @Override
  public Catalog.Entry entry(long id) {
    FanOutCall<Object> call = new FanOutCall<>(executor, ENTRY);
    Task<String> title = call.submit("title", () -> title(id));
    Task<Catalog.Kind> kind = call.submit("kind", () -> kind(id));
    call.gather();
    return new Catalog.Entry(title.result(), kind.result());
  }

  /**
   * Runs {@code price} once per element of {@code ids} together and streams their results in the
   * order they finish, as {@code asyncio.as_completed}.
   */
  @Override
  public Stream<Catalog.Priced> prices(List<Long> ids) {
    FanOutCall<Catalog.Priced> call = new FanOutCall<>(executor, PRICES, ids.size());
    TaskFunction<Long, Catalog.Priced> price = id -> price(id);
    for (Long id : ids) {
      call.submit("price", price, id);
    }
    return call.asCompleted();
  }
}
