package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One gather of n tiny tasks on the same fixed pool, four ways: the generated coordinator,
 * {@code supplyAsync + allOf + join}, {@code ExecutorService.invokeAll}, and a plain loop on the
 * calling thread as the floor. Report fanout's score as a ratio to the CompletableFuture one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GatherBenchmark {
  @Param({"1", "10", "100"})
  int tasks;

  private ExecutorService pool;
  private Work fanout;
  private List<Long> inputs;

  @Setup(Level.Trial)
  public void setUp() {
    pool = Executors.newFixedThreadPool(2);
    fanout = new WorkCoordinator(pool);
    inputs = new ArrayList<>();
    for (long i = 0; i < tasks; i++) {
      inputs.add(i);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public List<Long> fanoutGather() {
    return fanout.squares(inputs);
  }

  @Benchmark
  public List<Long> completableFutureAllOf() {
    List<CompletableFuture<Long>> futures = new ArrayList<>(inputs.size());
    for (Long x : inputs) {
      futures.add(CompletableFuture.supplyAsync(() -> fanout.square(x), pool));
    }
    return joinAll(futures);
  }

  @Benchmark
  public List<Long> executorInvokeAll() throws InterruptedException, ExecutionException {
    List<Callable<Long>> calls = new ArrayList<>(inputs.size());
    for (Long x : inputs) {
      calls.add(() -> fanout.square(x));
    }
    List<Long> results = new ArrayList<>(calls.size());
    for (Future<Long> future : pool.invokeAll(calls)) {
      results.add(future.get());
    }
    return results;
  }

  @Benchmark
  public List<Long> fanoutComposedStages() {
    return fanout.cachedSquares(inputs);
  }

  @Benchmark
  public List<Long> completableFutureComposedStages() {
    List<CompletableFuture<Long>> futures = new ArrayList<>(inputs.size());
    for (Long x : inputs) {
      futures.add(fanout.cached(x));
    }
    return joinAll(futures);
  }

  /** The usual hand-written gather: allOf, then each result in order. */
  private static List<Long> joinAll(List<CompletableFuture<Long>> futures) {
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    List<Long> results = new ArrayList<>(futures.size());
    for (CompletableFuture<Long> future : futures) {
      results.add(future.join());
    }
    return results;
  }

  @Benchmark
  public void sequentialFloor(Blackhole bh) {
    for (Long x : inputs) {
      bh.consume(fanout.square(x));
    }
  }
}
