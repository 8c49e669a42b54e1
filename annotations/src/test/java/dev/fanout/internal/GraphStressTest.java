package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stress suite's task graphs: seeded random DAGs over up to 50 tasks (random edges, some
 * taking the dependency's {@code Outcome}), with random failures, delays, stage tasks, limits,
 * timeouts and all four collecting styles. After every call it checks that
 *
 * <ul>
 *   <li>no task started before each of its dependencies had ended, and, for a dependency it needs
 *       to succeed, succeeded;
 *   <li>each task ran at most once;
 *   <li>a task skipped because a dependency failed ended {@code CANCELLED}, its cause that
 *       dependency's exception, and never started;
 *   <li>nothing outlived the call: once the call ended (for a wait: once its pending tasks were
 *       cancelled) every task is done within 10 s and every body that started has returned, and
 *       no body starts after that unless its cancel raced its start.
 * </ul>
 *
 * <p>{@code -Dfanout.graphStress.calls=N} sets how many graphs run (default 3,000), {@code
 * -Dfanout.graphStress.seed=S} reruns one; every failure names its seed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GraphStressTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
  private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);
  private static final long END_BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
    LATER.shutdownNow();
  }

  @Test
  void randomGraphsRunEachTaskOnceAfterItsDependenciesAndLeaveNothingRunning() throws Exception {
    Long only = Long.getLong("fanout.graphStress.seed");
    long base = System.nanoTime();
    int calls = only != null ? 1 : Integer.getInteger("fanout.graphStress.calls", 3_000);
    List<String> violations = new ArrayList<>();
    long tasks = 0;
    int ran = 0;
    for (int i = 0; i < calls && violations.size() < 5; i++, ran++) {
      long seed = only != null ? only : base + i * 0x9E3779B97F4A7C15L;
      Graph graph = new Graph(seed);
      tasks += graph.size;
      String violation = graph.run();
      if (violation != null) {
        violations.add("seed " + seed + ": " + violation + "\n    " + graph);
      }
    }
    String summary = "GraphStressTest: " + ran + " graphs, " + tasks + " tasks, "
        + violations.size() + " violations (base seed " + base + ")";
    System.out.println(summary);
    assertTrue(violations.isEmpty(), summary + "\n" + String.join("\n", violations));
  }

  /** One random graph, its call and what its tasks did. */
  private static final class Graph {
    final long seed;
    final Random random;
    final int size;
    final int limit;
    final int style; // 0 gather, 1 settle, 2 wait, 3 stream
    final Duration timeout;
    final int[][] needs; // needs[i]: dependencies i needs to succeed
    final int[][] takesOutcome; // takesOutcome[i]: dependencies whose outcome i takes
    final boolean[] fails;
    final boolean[] stage;
    final int[] spinMicros;

    final AtomicLong clock = new AtomicLong();
    final long[] startedAt;
    final long[] endedAt;
    final AtomicInteger[] runs;
    final ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
    volatile boolean over;
    volatile List<Task<Object>> tasks = List.of();
    final AtomicInteger running = new AtomicInteger();

    Graph(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      size = 1 + random.nextInt(random.nextInt(4) == 0 ? 50 : 12);
      limit = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
      style = random.nextInt(4);
      timeout = random.nextInt(4) == 0 ? Duration.ofMillis(random.nextInt(5)) : null;
      needs = new int[size][];
      takesOutcome = new int[size][];
      fails = new boolean[size];
      stage = new boolean[size];
      spinMicros = new int[size];
      startedAt = new long[size];
      endedAt = new long[size];
      runs = new AtomicInteger[size];
      for (int i = 0; i < size; i++) {
        List<Integer> need = new ArrayList<>();
        List<Integer> outcome = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          int roll = random.nextInt(size);
          if (roll < 2) {
            (random.nextInt(4) == 0 ? outcome : need).add(j);
          }
        }
        needs[i] = need.stream().mapToInt(Integer::intValue).toArray();
        takesOutcome[i] = outcome.stream().mapToInt(Integer::intValue).toArray();
        fails[i] = random.nextInt(8) == 0;
        stage[i] = random.nextInt(3) == 0;
        spinMicros[i] = random.nextInt(4) == 0 ? random.nextInt(2_000) : 0;
        runs[i] = new AtomicInteger();
      }
    }

    /** Runs the call and checks it; null when it kept the contract. */
    String run() throws Exception {
      Site site = Site.named("Graph.stress").maxConcurrency(limit).cancelOnFailure(true)
          .returnWhen(ReturnWhen.values()[random.nextInt(3)]);
      FanOutCall<Object> call = new FanOutCall<>(POOL, site, timeout, size);
      List<Task<Object>> handles = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Dependency[] after = new Dependency[needs[i].length + takesOutcome[i].length];
        int k = 0;
        for (int j : needs[i]) {
          after[k++] = Dependency.on(handles.get(j));
        }
        for (int j : takesOutcome[i]) {
          after[k++] = Dependency.onOutcome(handles.get(j));
        }
        int index = i;
        Task<Object> handle = stage[i]
            ? call.submitStage(i, "t" + i, () -> stageBody(index), after)
            : call.submit(i, "t" + i, () -> body(index), after);
        handles.add(handle);
      }
      tasks = handles;
      collect(call, handles);
      over = true;
      long until = System.nanoTime() + END_BOUND_NANOS;
      for (Task<Object> handle : handles) {
        while (!handle.isDone() && System.nanoTime() < until) {
          Thread.sleep(1);
        }
        if (!handle.isDone()) {
          return handle.name() + " is not done 10 s after its call ended";
        }
      }
      while (running.get() > 0 && System.nanoTime() < until) {
        Thread.sleep(1);
      }
      if (running.get() > 0) {
        return running.get() + " bodies still running 10 s after the call ended";
      }
      if (!broken.isEmpty()) {
        return String.join("; ", broken);
      }
      return checkOrder(handles);
    }

    private void collect(FanOutCall<Object> call, List<Task<Object>> handles) {
      try {
        switch (style) {
          case 0:
            call.gatherList();
            break;
          case 1:
            call.settleList();
            break;
          case 2:
            try (WaitResult<Object> result = call.waitFor()) {
              result.done();
            }
            break;
          default:
            try (Stream<Task<Object>> tasks = call.asCompletedTasks()) {
              tasks.forEach(task -> {});
            }
        }
      } catch (RuntimeException expected) {
        // a failure or a timeout: what the call threw is not what this test checks
      }
    }

    /** What the task bodies recorded, against the graph. */
    private String checkOrder(List<Task<Object>> handles) {
      for (int i = 0; i < size; i++) {
        Task<Object> task = handles.get(i);
        if (runs[i].get() > 1) {
          return task.name() + " ran " + runs[i].get() + " times";
        }
        boolean started = runs[i].get() == 1;
        for (int j : needs[i]) {
          Task<Object> dependency = handles.get(j);
          if (started && (dependency.state() != Task.State.SUCCESS || endedAt[j] == 0
              || endedAt[j] > startedAt[i])) {
            return task.name() + " started before " + dependency.name() + " had succeeded";
          }
          if (dependency.state() == Task.State.FAILED && runs[j].get() == 1) {
            if (started) {
              return task.name() + " ran though " + dependency.name() + " failed";
            }
            if (task.state() != Task.State.CANCELLED) {
              return task.name() + " is " + task.state() + " though " + dependency.name() + " failed";
            }
          }
        }
        for (int j : takesOutcome[i]) {
          if (started && (!handles.get(j).isDone() || endedAt[j] > startedAt[i]
              && runs[j].get() == 1)) {
            return task.name() + " started before " + handles.get(j).name() + " had ended";
          }
        }
        if (task.state() == Task.State.CANCELLED) {
          Throwable cancelled = ((Outcome.Failure<Object>) task.outcome()).exception();
          if (!(cancelled instanceof CancellationException)) {
            return task.name() + " was cancelled with " + cancelled;
          }
          // Skipped by a dependency (a cause), or cancelled by the call's end (none).
          Throwable cause = cancelled.getCause();
          if (cause != null && !isFailureOfANeed(handles, i, cause)) {
            return task.name() + " was skipped with the cause " + cause
                + ", not the failure of a task it needs";
          }
        }
      }
      return null;
    }

    private boolean isFailureOfANeed(List<Task<Object>> handles, int i, Throwable cause) {
      for (int j : needs[i]) {
        Task<Object> dependency = handles.get(j);
        if (dependency.state() != Task.State.SUCCESS
            && ((Outcome.Failure<Object>) dependency.outcome()).exception() == cause) {
          return true;
        }
      }
      return false;
    }

    private Object body(int i) throws Exception {
      enter(i);
      try {
        spin(i);
        if (fails[i]) {
          throw new IllegalStateException("t" + i + " fails");
        }
        return i;
      } finally {
        leave(i);
      }
    }

    private CompletableFuture<Object> stageBody(int i) {
      enter(i);
      CompletableFuture<Object> stage = new CompletableFuture<>();
      Runnable finish = () -> {
        leave(i);
        if (fails[i]) {
          stage.completeExceptionally(new IllegalStateException("t" + i + " fails"));
        } else {
          stage.complete(i);
        }
      };
      if (spinMicros[i] == 0) {
        finish.run();
      } else {
        LATER.schedule(finish, spinMicros[i], TimeUnit.MICROSECONDS);
      }
      return stage;
    }

    private void enter(int i) {
      running.incrementAndGet();
      startedAt[i] = clock.incrementAndGet();
      // A task whose cancel raced its start may begin, interrupted (as FutureTask allows).
      if (runs[i].incrementAndGet() == 1 && over
          && tasks.get(i).state() != Task.State.CANCELLED) {
        broken.add("t" + i + " started after its call had ended");
      }
    }

    private void leave(int i) {
      endedAt[i] = clock.incrementAndGet();
      running.decrementAndGet();
    }

    private void spin(int i) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(spinMicros[i]);
      while (System.nanoTime() < until) {
        if (Thread.interrupted()) {
          throw new InterruptedException("cancelled while spinning");
        }
        Thread.onSpinWait();
      }
    }

    @Override
    public String toString() {
      StringBuilder edges = new StringBuilder();
      for (int i = 0; i < size; i++) {
        for (int j : needs[i]) {
          edges.append(' ').append(j).append("->").append(i);
        }
        for (int j : takesOutcome[i]) {
          edges.append(' ').append(j).append("~>").append(i);
        }
      }
      return "Graph[size=" + size + ", limit=" + limit + ", style=" + style + ", timeout="
          + timeout + ", fails=" + java.util.Arrays.toString(fails) + ", edges:" + edges + "]";
    }
  }
}
