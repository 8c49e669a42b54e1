package dev.example.pipeline;

import dev.fanout.Task;
import dev.fanout.internal.DefaultExecutor;
import dev.fanout.internal.Dependency;
import dev.fanout.internal.FanOutCall;
import dev.fanout.internal.Site;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.annotation.processing.Generated;

/**
 * The generated implementation of {@link Pipeline}: each fan-out method runs its tasks on this
 * coordinator's executor and collects them as its annotation says.
 */
@Generated("dev.fanout.processor.FanoutProcessor")
public class PipelineCoordinator implements Pipeline {
  private static final Site RUN = Site.named("Pipeline.run").maxConcurrency(1)
      .timeout(Duration.parse("PT5S"));

  private static final Site RUN_ASYNC = Site.named("Pipeline.runAsync");

  private final Executor executor;

  /**
   * Creates a coordinator whose tasks run on the default executor: a virtual thread per task
   * where the JVM has them, else a shared pool of daemon threads.
   */
  public PipelineCoordinator() {
    this.executor = DefaultExecutor.get();
  }

  /**
   * Creates a coordinator whose tasks run on {@code executor}.
   *
   * @param executor the executor that runs the tasks
   */
  public PipelineCoordinator(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code call}, {@code parse} and {@code store}, each once the tasks it takes results from
   * have ended, and returns their results in task order, as {@code asyncio.gather}.
   */
  @Override
  public List<Object> run(String url) {
    FanOutCall<Object> call = new FanOutCall<>(executor, RUN, 3);
    Task<String> call_ = call.submit(0, "call", () -> call(url));
    Task<Pipeline.Document> parse = call.submit(1, "parse", () -> parse(call_.result()),
        Dependency.on(call_));
    call.submit(2, "store", () -> { store(parse.result()); return null; }, Dependency.on(parse));
    return call.gatherList();
  }

  /**
   * Runs {@code store}, {@code parse} and {@code call}, each once the tasks it takes results from
   * have ended, and waits for all of them, as {@code asyncio.gather}. Returns at once; cancelling
   * the returned future cancels the tasks.
   */
  @Override
  public CompletableFuture<Void> runAsync(String url) {
    FanOutCall<Object> call = new FanOutCall<>(executor, RUN_ASYNC, 3);
    Task<String> call_ = call.submit(2, "call", () -> call(url));
    Task<Pipeline.Document> parse = call.submit(1, "parse", () -> parse(call_.result()),
        Dependency.on(call_));
    call.submit(0, "store", () -> { store(parse.result()); return null; }, Dependency.on(parse));
    return call.gatherAsync();
  }
}
