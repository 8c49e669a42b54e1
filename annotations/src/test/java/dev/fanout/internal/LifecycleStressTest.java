package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random fan-outs of every style, blocking and async, with faults injected, each checked
 * against the call lifecycle's contract (see {@link StressCall} for exactly what is checked).
 *
 * <p>Every call has its own seed, derived from the run's base seed; a violation names it.
 *
 * <ul>
 *   <li>{@code -Dfanout.stress.seed=S} runs just the call with seed S (and prints its plan);
 *   <li>{@code -Dfanout.stress.baseSeed=B} repeats a whole run;
 *   <li>{@code -Dfanout.stress.maxFailedCalls=M} stops a run after M calls broke the contract
 *       (default 5), since each may have waited out its 30 s and 10 s bounds;
 *   <li>{@code -Dfanout.stress.calls=N} sets how many fan-outs run (default 15,000, about
 *       half a minute on two busy cores); {@code -Dfanout.stress.threads=T} how many callers
 *       run at once (default 2).
 * </ul>
 *
 * <p>The long run (README, "Concurrency tests") sets {@code -Dfanout.stress.calls=1000000} and
 * {@code -Djunit.jupiter.execution.timeout.mode=disabled}. Every run prints one summary line:
 * fan-outs, tasks, faults injected and violations, all counted as they happen.
 */
class LifecycleStressTest {
  private static final int DEFAULT_CALLS = 15_000;
  private static final int SHOWN = 15;
  /** A run stops after this many calls broke the contract: each may have waited out its bounds. */
  private static final int DEFAULT_MAX_FAILED_CALLS = 5;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void randomFanOutsKeepTheLifecycleContract() throws Exception {
    Long only = Long.getLong("fanout.stress.seed");
    long base = Long.getLong("fanout.stress.baseSeed", System.nanoTime());
    long calls = only != null ? 1 : Long.getLong("fanout.stress.calls", DEFAULT_CALLS);
    int threads = only != null ? 1 : Integer.getInteger("fanout.stress.threads", 2);
    int maxFailedCalls = Integer.getInteger("fanout.stress.maxFailedCalls", DEFAULT_MAX_FAILED_CALLS);
    AtomicLong failedCalls = new AtomicLong();
    StressCall.Stats stats = new StressCall.Stats();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      running.add(
          workers.submit(
              () -> {
                for (long i = next.getAndIncrement();
                    i < calls && failedCalls.get() < maxFailedCalls;
                    i = next.getAndIncrement()) {
                  long seed = only != null ? only : seedOf(base, i);
                  StressPlan plan = new StressPlan(seed);
                  if (only != null) {
                    System.out.println("Running " + plan);
                  }
                  List<String> broken = new StressCall(plan, stats).runAndCheck();
                  if (!broken.isEmpty()) {
                    failedCalls.incrementAndGet();
                    broken.forEach(System.out::println);
                    violations.addAll(broken);
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String summary =
        String.format(
            "LifecycleStressTest: %,d fan-outs, %,d tasks, %,d faults injected, %,d violations"
                + " in %d s (base seed %d; java %s)",
            stats.fanOuts.sum(),
            stats.tasks.sum(),
            stats.faults.sum(),
            stats.violations.sum(),
            seconds,
            base,
            System.getProperty("java.version"));
    System.out.println(summary);
    List<String> shown;
    synchronized (violations) {
      shown = new ArrayList<>(violations.subList(0, Math.min(SHOWN, violations.size())));
    }
    assertTrue(
        violations.isEmpty(),
        summary
            + "\nFirst violations (re-run one with -Dfanout.stress.seed=<seed>):\n  "
            + String.join("\n  ", shown));
  }

  /** The i-th call's seed: spread out, so that neighbouring calls differ in every choice. */
  private static long seedOf(long base, long i) {
    long z = base + i * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
