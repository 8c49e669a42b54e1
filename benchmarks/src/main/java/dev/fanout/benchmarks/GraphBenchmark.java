package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Task graphs on the same fixed pool, generated against hand-written: a diamond of four tasks
 * ({@link Diamond}, against {@code thenApplyAsync}/{@code thenCombineAsync}), and 100 named
 * tasks feeding one dependent ({@link FanIn}, against {@code allOf} then
 * {@code thenApplyAsync}). The hand-written versions are the cheapest correct
 * {@code CompletableFuture} code for the same graph (each dependent on the pool, once its inputs
 * are there); they have none of fanout's cancellation, timeouts or failure handling. Report
 * fanout's score as a ratio to the hand-written one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GraphBenchmark {
  private static final int PARTS = 100;

  private ExecutorService pool;
  private Diamond diamond;
  private FanIn fanIn;

  @Setup(Level.Trial)
  public void setUp() {
    pool = Executors.newFixedThreadPool(2);
    diamond = new DiamondCoordinator(pool);
    fanIn = new FanInCoordinator(pool);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public Diamond.Overview fanoutDiamond() {
    return diamond.overview(7);
  }

  @Benchmark
  public Diamond.Overview completableFutureDiamond() {
    CompletableFuture<Long> user = CompletableFuture.supplyAsync(() -> diamond.user(7), pool);
    CompletableFuture<Long> orders = user.thenApplyAsync(diamond::orders, pool);
    CompletableFuture<Long> recs = user.thenApplyAsync(diamond::recs, pool);
    CompletableFuture<Long> score = orders.thenCombineAsync(recs, diamond::score, pool);
    return new Diamond.Overview(user.join(), orders.join(), recs.join(), score.join());
  }

  @Benchmark
  public List<Long> fanoutFanIn() {
    return fanIn.fanIn(7);
  }

  @Benchmark
  public List<Long> completableFutureFanIn() {
    List<CompletableFuture<Long>> parts = new ArrayList<>(PARTS);
    for (int i = 0; i < PARTS; i++) {
      int part = i;
      parts.add(CompletableFuture.supplyAsync(() -> FanIn.work(part, 7), pool));
    }
    CompletableFuture<?>[] all = parts.toArray(new CompletableFuture<?>[0]);
    CompletableFuture<Long> total = CompletableFuture.allOf(all).thenApplyAsync(done -> {
      long sum = 0;
      for (CompletableFuture<Long> part : parts) {
        sum += part.join();
      }
      return sum;
    }, pool);
    List<Long> results = new ArrayList<>(PARTS + 1);
    for (CompletableFuture<Long> part : parts) {
      results.add(part.join());
    }
    results.add(total.join());
    return results;
  }
}
