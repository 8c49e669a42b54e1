package dev.fanout.benchmarks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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

/**
 * The rows of issue 10 whose cost is allocation, for JMH's {@code -prof gc}: bytes per operation
 * ({@code gc.alloc.rate.norm}) divided by {@code tasks} is the heap one task costs. The paired
 * harness ({@link Paired}) is the reference for time; JMH's scores drift between runs on a
 * shared 2-core machine, its allocation counts do not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AllocationBenchmark {
  @Param({"1024"})
  int tasks;

  private ExecutorService pool;
  private NoOps onPool;
  private NoOps inline;
  private List<Integer> inputs;

  @Setup(Level.Trial)
  public void setUp() {
    pool = Paired.fixedPool(2);
    onPool = new NoOpsCoordinator(pool);
    inline = new NoOpsCoordinator(Runnable::run);
    inputs = Paired.inputs(tasks);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public int gatherFanout() {
    return onPool.gather(inputs).size();
  }

  @Benchmark
  public int gatherCompletableFuture() {
    return Paired.completableFutures(pool, onPool, inputs).size();
  }

  @Benchmark
  public long gatherFloor() throws InterruptedException {
    return Paired.floor(pool, onPool, inputs);
  }

  @Benchmark
  public int gatherFanoutMaxConcurrency64() {
    return onPool.gatherLimited(inputs).size();
  }

  @Benchmark
  public int completedFanout() {
    return inline.gatherDone(inputs).size();
  }

  @Benchmark
  public int completedAllOf() {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] futures = (CompletableFuture<Integer>[]) new CompletableFuture<?>[tasks];
    for (int i = 0; i < tasks; i++) {
      futures[i] = inline.done(inputs.get(i));
    }
    return Paired.joinAll(futures).size();
  }
}
