package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random calls (sizes, limits, executor and stage slots, failures) checked against the
 * engine's invariants: slot order, limits, every slot yielded once, a consistent done/pending
 * split. Each seed runs many calls, so lock-free races get many chances to show.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineStressTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
  private static final ExecutorService COMPLETER = Executors.newFixedThreadPool(2);

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
    COMPLETER.shutdownNow();
  }

  /** One random call's shape, and what its slots did. */
  private static final class Plan {
    final Random random;
    final int size;
    final int limit;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();

    Plan(long seed) {
      random = new Random(seed);
      size = random.nextInt(60);
      limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(6);
    }

    FanOutCall<Integer> call(ReturnWhen when, double failureRate) {
      FanOutCall<Integer> call =
          new FanOutCall<>(POOL, Site.named("stress").maxConcurrency(limit).returnWhen(when));
      for (int i = 0; i < size; i++) {
        int value = i;
        boolean fails = random.nextDouble() < failureRate;
        int spin = random.nextInt(2_000);
        if (random.nextBoolean()) {
          call.submit("sync", () -> body(value, fails, spin));
        } else {
          boolean completed = random.nextBoolean();
          call.submitStage("stage", () -> stage(value, fails, spin, completed));
        }
      }
      return call;
    }

    private Integer body(int value, boolean fails, int spin) {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        long x = 0;
        for (int i = 0; i < spin; i++) {
          x += i;
        }
        if (fails) {
          throw new IllegalStateException("slot " + value + " " + x);
        }
        return value;
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private CompletableFuture<Integer> stage(int value, boolean fails, int spin, boolean now) {
      if (now) {
        return CompletableFuture.completedFuture(body(value, fails, spin));
      }
      return CompletableFuture.supplyAsync(() -> body(value, fails, spin), COMPLETER);
    }

    void assertLimitKept() {
      if (limit > 0) {
        assertTrue(peak.get() <= limit, "peak " + peak.get() + " > limit " + limit);
      }
    }
  }

  private static List<Integer> slotOrder(int size) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      order.add(i);
    }
    return order;
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void gatherKeepsSlotOrderAndTheLimit(long seed) {
    for (int round = 0; round < 400; round++) {
      Plan plan = new Plan(seed * 1_000 + round);
      assertEquals(slotOrder(plan.size), plan.call(ReturnWhen.ALL_COMPLETED, 0).gatherList());
      plan.assertLimitKept();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24})
  void settleHasAnOutcomePerSlotAndFailuresWhereTheyHappened(long seed) {
    for (int round = 0; round < 400; round++) {
      Plan plan = new Plan(seed * 1_000 + round);
      List<Outcome<Integer>> outcomes = plan.call(ReturnWhen.ALL_COMPLETED, 0.3).settleList();
      assertEquals(plan.size, outcomes.size());
      for (int i = 0; i < outcomes.size(); i++) {
        if (outcomes.get(i) instanceof Outcome.Success<Integer> success) {
          assertEquals(i, success.value());
        }
      }
      plan.assertLimitKept();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34})
  void asCompletedYieldsEverySlotOnce(long seed) {
    for (int round = 0; round < 400; round++) {
      Plan plan = new Plan(seed * 1_000 + round);
      List<Integer> indexes =
          plan.call(ReturnWhen.ALL_COMPLETED, 0.2).asCompletedTasks().map(Task::index)
              .collect(Collectors.toList());
      assertEquals(plan.size, indexes.size());
      assertEquals(new HashSet<>(slotOrder(plan.size)), new HashSet<>(indexes));
      plan.assertLimitKept();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {41, 42, 43, 44})
  void waitSplitsEverySlotIntoDoneOrPending(long seed) {
    ReturnWhen[] conditions = ReturnWhen.values();
    for (int round = 0; round < 400; round++) {
      Plan plan = new Plan(seed * 1_000 + round);
      ReturnWhen when = conditions[round % conditions.length];
      try (WaitResult<Integer> result = plan.call(when, 0.2).waitFor()) {
        Set<Integer> done = result.done().stream().map(Task::index).collect(Collectors.toSet());
        Set<Integer> pending =
            result.pending().stream().map(Task::index).collect(Collectors.toSet());
        assertEquals(result.done().size(), done.size(), "no slot twice in done");
        Set<Integer> both = new HashSet<>(done);
        both.retainAll(pending);
        assertTrue(both.isEmpty(), "done and pending overlap: " + both);
        Set<Integer> all = new HashSet<>(done);
        all.addAll(pending);
        assertEquals(new HashSet<>(slotOrder(plan.size)), all);
        result.done().forEach(task -> assertTrue(task.isDone()));
        if (when == ReturnWhen.ALL_COMPLETED) {
          assertEquals(List.of(), result.pending());
        } else if (plan.size > 0) {
          assertFalse(result.done().isEmpty());
        }
      }
    }
  }
}
