package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unbounded gather, settle, wait for all or blocking stream of synchronous tasks launches
 * elastically (see {@code FanOutCall.launchesElastically}): few trips through the executor's
 * queue for a burst of short tasks, and still every task at once when the tasks block.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ElasticLaunchTest {
  private static final ExecutorService CACHED = Executors.newCachedThreadPool();
  private static final ExecutorService TWO = Executors.newFixedThreadPool(2);

  @AfterAll
  static void shutdown() {
    CACHED.shutdownNow();
    TWO.shutdownNow();
  }

  private static Site site() {
    return Site.named("Elastic.site");
  }

  /**
   * Every task waits until all of them have started: the gather ends only if all run at once,
   * which an unbounded call promises on an executor with threads to spare.
   */
  @Test
  void anUnboundedGatherStillRunsEveryTaskAtOnce() {
    assertEquals(indexes(300), rendezvousCall(300, site()).gatherList());
  }

  @Test
  void anUnboundedSettleStillRunsEveryTaskAtOnce() {
    List<Outcome<Integer>> outcomes = rendezvousCall(300, site()).settleList();
    List<Outcome<Integer>> expected = new ArrayList<>();
    for (Integer i : indexes(300)) {
      expected.add(new Outcome.Success<>(i));
    }
    assertEquals(expected, outcomes);
  }

  @Test
  void anUnboundedWaitForAllStillRunsEveryTaskAtOnce() {
    WaitResult<Integer> waited =
        rendezvousCall(300, site().returnWhen(ReturnWhen.ALL_COMPLETED)).waitFor();
    assertEquals(300, waited.done().size());
    assertTrue(waited.pending().isEmpty());
  }

  @Test
  void anUnboundedBlockingStreamStillRunsEveryTaskAtOnce() {
    try (Stream<Integer> results = rendezvousCall(300, site()).asCompleted()) {
      assertEquals(indexes(300), results.sorted().collect(Collectors.toList()));
    }
  }

  /** n tasks, each of which counts down and then waits for the other n - 1. */
  private static FanOutCall<Integer> rendezvousCall(int n, Site site) {
    CountDownLatch allStarted = new CountDownLatch(n);
    FanOutCall<Integer> call = new FanOutCall<>(CACHED, site, n);
    for (int i = 0; i < n; i++) {
      int index = i;
      call.submit("meet", () -> {
        allStarted.countDown();
        if (!allStarted.await(30, TimeUnit.SECONDS)) {
          throw new AssertionError("task " + index + " never saw the others start");
        }
        return index;
      });
    }
    return call;
  }

  /** 0, 1, ..., n - 1: the results of tasks that return their index. */
  private static List<Integer> indexes(int n) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      indexes.add(i);
    }
    return indexes;
  }

  /**
   * A burst of no-op tasks on a busy pool: a thread that finished a task runs the next one that
   * nobody runs yet, up to sixteen in a row, so the executor sees far fewer calls than tasks
   * (one per task before; about one per sixteen now). Results still come in slot order.
   */
  @Test
  void aBurstOfShortTasksTakesFarFewerTripsThroughTheExecutorThanTasks() {
    int n = 16_000;
    AtomicInteger executes = new AtomicInteger();
    Executor counting = task -> {
      executes.incrementAndGet();
      TWO.execute(task);
    };
    FanOutCall<Integer> call = new FanOutCall<>(counting, site(), n);
    TaskFunction<Integer, Integer> noop = x -> x;
    for (int i = 0; i < n; i++) {
      call.submit("noop", noop, i);
    }
    assertEquals(indexes(n), call.gatherList());
    assertTrue(executes.get() >= n / Slot.RUN_IN_A_ROW,
        "each runner runs at most " + Slot.RUN_IN_A_ROW + " tasks: " + executes.get());
    assertTrue(executes.get() <= n / 4, executes.get() + " executes for " + n + " tasks");
  }

  /**
   * A body that leaves its thread interrupted (not by a cancel, whose interrupt fanout clears)
   * must not hand the interrupt to the next task, as a pool thread running the next task of its
   * own would not (a {@code ThreadPoolExecutor} clears it between tasks): the thread stops
   * running tasks in a row and the next one goes through the executor. Under a limit and
   * unbounded alike, on a pool of one thread, where every task would otherwise run in a row.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void anInterruptLeftByOneTaskIsNotHandedToTheNext(int maxConcurrency) {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      int n = 40;
      FanOutCall<Boolean> call =
          new FanOutCall<>(one, site().maxConcurrency(maxConcurrency), n);
      call.submit("interrupts itself", () -> {
        Thread.currentThread().interrupt();
        return false;
      });
      for (int i = 1; i < n; i++) {
        call.submit("looks", () -> Thread.currentThread().isInterrupted());
      }
      List<Boolean> interrupted = call.gatherList();
      assertEquals(n - 1, Collections.frequency(interrupted.subList(1, n), false),
          "tasks that started interrupted: " + interrupted);
    } finally {
      one.shutdownNow();
    }
  }

  /**
   * A small fan-out (four tasks or fewer) is handed to the executor from the caller's thread, all
   * at once, as without the elastic launch: no task waits for another's thread to start first.
   * The executor here holds what it is given until the launch is over, so no runner can start
   * and hand on another meanwhile.
   */
  @Test
  void aSmallFanOutIsHandedToTheExecutorAllAtOnceByTheCaller() throws Exception {
    Thread caller = Thread.currentThread();
    List<Thread> executedFrom = new CopyOnWriteArrayList<>();
    List<Runnable> held = new CopyOnWriteArrayList<>();
    Executor holding = task -> {
      executedFrom.add(Thread.currentThread());
      held.add(task);
    };
    FanOutCall<Integer> call = new FanOutCall<>(holding, site(), 4);
    for (int i = 0; i < 4; i++) {
      int index = i;
      call.submit("remote call", () -> index);
    }
    CompletableFuture<List<Integer>> gathered = call.gatherListAsync();
    assertEquals(List.of(caller, caller, caller, caller), executedFrom);
    held.forEach(CACHED::execute);
    assertEquals(indexes(4), gathered.get(30, TimeUnit.SECONDS));
  }

  /** A direct executor runs each runner inside the launch: in a loop there, not a recursion. */
  @Test
  void aDirectExecutorRunsAHundredThousandTasksWithoutRecursing() {
    int n = 100_000;
    Thread caller = Thread.currentThread();
    AtomicInteger elsewhere = new AtomicInteger();
    FanOutCall<Integer> call = new FanOutCall<>(Runnable::run, site(), n);
    for (int i = 0; i < n; i++) {
      int index = i;
      call.submit("here", () -> {
        if (Thread.currentThread() != caller) {
          elsewhere.incrementAndGet();
        }
        return index;
      });
    }
    assertEquals(indexes(n), call.gatherList());
    assertEquals(0, elsewhere.get());
  }

  /** An executor that takes some runners and rejects others: every slot still has its outcome. */
  @Test
  void aRejectedRunnerIsItsSlotsFailureAndTheOthersStillRun() {
    int n = 2_000;
    AtomicInteger executes = new AtomicInteger();
    Executor everyOther = task -> {
      if (executes.incrementAndGet() % 2 == 0) {
        throw new RejectedExecutionException("every other one");
      }
      TWO.execute(task);
    };
    FanOutCall<Integer> call = new FanOutCall<>(everyOther, site(), n);
    for (int i = 0; i < n; i++) {
      int index = i;
      call.submit("noop", () -> index);
    }
    List<Outcome<Integer>> outcomes = call.settleList();
    assertEquals(n, outcomes.size());
    int rejected = 0;
    for (int i = 0; i < n; i++) {
      Outcome<Integer> outcome = outcomes.get(i);
      if (outcome instanceof Outcome.Failure<Integer> failure) {
        assertInstanceOf(RejectedExecutionException.class, failure.exception());
        rejected++;
      } else {
        assertEquals(new Outcome.Success<>(i), outcome);
      }
    }
    assertTrue(rejected > 0, "no execute was rejected");
    assertEquals(executes.get() / 2, rejected);
  }

  /**
   * After a gather's first failure, the runners stop claiming slots: at most the two bodies that
   * were starting on the pool's two threads as the gather ended start after it.
   */
  @Test
  void noTaskStartsOnceAGatherHasFailed() throws Exception {
    int n = 5_000;
    AtomicInteger started = new AtomicInteger();
    FanOutCall<Integer> call = new FanOutCall<>(TWO, site(), n);
    for (int i = 0; i < n; i++) {
      int index = i;
      call.submit("work", () -> {
        started.incrementAndGet();
        if (index == 100) {
          throw new IllegalStateException("the first failure");
        }
        return index;
      });
    }
    assertThrows(IllegalStateException.class, call::gatherList);
    int atTheEnd = started.get();
    quiesce(TWO, 2);
    assertTrue(started.get() - atTheEnd <= 2,
        (started.get() - atTheEnd) + " tasks started after the gather failed");
    assertTrue(started.get() < n, started.get() + " of " + n + " tasks started");
  }

  /**
   * A runner hands on a bounded number of runners, then runs its task: between two task bodies a
   * pool thread hands the executor at most four runners (two as a runner ends, two as the next
   * one starts), however many other runners start meanwhile. A thread that launched for as long
   * as others made room would hand on runner after runner, its own task waiting all that time
   * (here: all 1,250 runners, in about one round in six, before the fix). Each round, the
   * executor holds the caller's first runners until its launch is over, and one pool thread is
   * slow to hand on: each of its executes returns only once a task has begun on the other thread.
   */
  @Test
  void aStartingRunnerHandsOnAFewRunnersAndThenRunsItsTask() throws Exception {
    for (int round = 0; round < 25; round++) {
      int most = mostHandedOnBetweenTwoTasks(20_000);
      assertTrue(most <= 4, "round " + round + ": a pool thread handed on " + most
          + " runners between two tasks");
    }
  }

  private static int mostHandedOnBetweenTwoTasks(int n) throws Exception {
    Thread caller = Thread.currentThread();
    List<Runnable> held = new CopyOnWriteArrayList<>();
    AtomicReference<Thread> slow = new AtomicReference<>();
    AtomicInteger begunElsewhere = new AtomicInteger();
    ThreadLocal<int[]> handedOn = ThreadLocal.withInitial(() -> new int[1]);
    Executor slowOnOneThread = task -> {
      Thread here = Thread.currentThread();
      if (here == caller) {
        held.add(task);
        return;
      }
      handedOn.get()[0]++;
      int begun = begunElsewhere.get();
      TWO.execute(task);
      if (slow.compareAndSet(null, here) || slow.get() == here) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        while (begunElsewhere.get() == begun && System.nanoTime() - deadline < 0) {
          LockSupport.parkNanos(10_000);
        }
      }
    };
    AtomicInteger most = new AtomicInteger();
    FanOutCall<Integer> call = new FanOutCall<>(slowOnOneThread, site(), n);
    for (int i = 0; i < n; i++) {
      int index = i;
      call.submit("work", () -> {
        if (slow.get() != Thread.currentThread()) {
          begunElsewhere.incrementAndGet();
        }
        int[] sinceTheLastTask = handedOn.get();
        most.accumulateAndGet(sinceTheLastTask[0], Math::max);
        sinceTheLastTask[0] = 0;
        return index;
      });
    }
    CompletableFuture<List<Integer>> gathered = call.gatherListAsync();
    held.forEach(TWO::execute);
    assertEquals(indexes(n), gathered.get(30, TimeUnit.SECONDS));
    return most.get();
  }

  /**
   * A trampolining executor (one that runs what it is given on the thread that gives it, and what
   * others gave it meanwhile along with it, as a sequential executor over a direct one does) may
   * run a runner of one call inside another call's hand-on. That runner still hands on its own
   * call's runners: only a runner of the call whose hand-on runs it inline leaves the looking to
   * that hand-on. Here a call of 200 tasks hands its first runners to the executor while it is
   * busy (as if on another thread); a second call's launch then runs them, inside its own hand-on.
   */
  @Test
  void aRunnerOfAnotherCallRunInsideAHandOnStillHandsOnItsOwn() throws Exception {
    java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
    boolean[] draining = {false};
    Executor trampolining = task -> {
      queue.add(task);
      if (draining[0]) {
        return;
      }
      draining[0] = true;
      try {
        for (Runnable next; (next = queue.poll()) != null; ) {
          next.run();
        }
      } finally {
        draining[0] = false;
      }
    };
    int n = 200;
    FanOutCall<Integer> first = new FanOutCall<>(trampolining, site(), n);
    for (int i = 0; i < n; i++) {
      int index = i;
      first.submit("first", () -> index);
    }
    draining[0] = true; // busy: the first call's runners wait in the queue
    CompletableFuture<List<Integer>> firstGathered = first.gatherListAsync();
    draining[0] = false;
    FanOutCall<Integer> second = new FanOutCall<>(trampolining, Site.named("Elastic.second"), 1);
    second.submit("second", () -> -1);
    assertEquals(List.of(-1), second.gatherList()); // runs the queue: the first call's runners too
    assertTrue(firstGathered.isDone(), "the first call's runners handed on nothing");
    assertEquals(indexes(n), firstGathered.get());
  }

  /** A wait's timeout neither throws nor cancels: tasks not launched by then still run after it. */
  @Test
  void tasksNotYetLaunchedAtAWaitsTimeoutStillRunAfterIt() throws Exception {
    int n = 64;
    CountDownLatch gate = new CountDownLatch(1);
    FanOutCall<Integer> call = new FanOutCall<>(TWO, site(), Duration.ofMillis(50), n);
    for (int i = 0; i < n; i++) {
      int index = i;
      call.submit("gated", () -> {
        gate.await();
        return index;
      });
    }
    WaitResult<Integer> waited = call.waitFor();
    assertEquals(n, waited.pending().size());
    gate.countDown();
    for (Task<Integer> task : waited.pending()) {
      assertEquals(task.index(), task.toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
  }

  /** Waits until each of a fixed pool's threads has run everything queued before it. */
  private static void quiesce(ExecutorService pool, int threads) throws InterruptedException {
    CountDownLatch reached = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        reached.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    assertTrue(reached.await(30, TimeUnit.SECONDS), "the pool never got through its queue");
    release.countDown();
  }
}
