package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's task graphs: each task once, as soon as its dependencies allow, never waiting. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GraphEngineTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final long WAIT = 10;

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site() {
    return Site.named("Test.graph");
  }

  @Test
  void aDiamondRunsItsMiddleAtOnceAndEachTaskOnce() {
    CountDownLatch bothMiddle = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 4);
    Task<Integer> user = call.submit(0, "user", () -> {
      runs.incrementAndGet();
      return 7;
    });
    Task<Integer> orders = call.submit(1, "orders", () -> {
      runs.incrementAndGet();
      bothMiddle.countDown();
      assertTrue(bothMiddle.await(WAIT, TimeUnit.SECONDS), "recs runs beside orders");
      return user.result() * 2;
    }, Dependency.on(user));
    Task<Integer> recs = call.submit(2, "recs", () -> {
      runs.incrementAndGet();
      bothMiddle.countDown();
      assertTrue(bothMiddle.await(WAIT, TimeUnit.SECONDS), "orders runs beside recs");
      return user.result() * 3;
    }, Dependency.on(user));
    call.submit(3, "score", () -> {
      runs.incrementAndGet();
      return orders.result() + recs.result();
    }, Dependency.on(orders), Dependency.on(recs));
    assertEquals(List.of(7, 14, 21, 35), call.gatherList());
    assertEquals(4, runs.get());
  }

  @Test
  void slotsMaySubmitOutOfSlotOrderDependenciesFirst() {
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 2);
    Task<String> base = call.submit(1, "base", () -> "base");
    call.submit(0, "top", () -> base.result() + "+top", Dependency.on(base));
    assertEquals(List.of("base+top", "base"), call.gatherList());
  }

  @Test
  void aGapInTheSlotsIsAnError() {
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 2);
    call.submit(1, "only", () -> "x");
    assertThrows(IllegalStateException.class, call::gatherList);
  }

  @Test
  void aFailureSkipsExactlyItsDependentsWithTheFailureAsCause() {
    IllegalStateException broken = new IllegalStateException("orders down");
    AtomicInteger scoreRuns = new AtomicInteger();
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 4);
    Task<Integer> user = call.submit(0, "user", () -> 7);
    Task<Integer> orders = call.submit(1, "orders", () -> {
      throw broken;
    }, Dependency.on(user));
    Task<Integer> recs = call.submit(2, "recs", () -> user.result() * 3, Dependency.on(user));
    Task<Integer> score = call.submit(3, "score", () -> {
      scoreRuns.incrementAndGet();
      return orders.result() + recs.result();
    }, Dependency.on(orders), Dependency.on(recs));
    List<Outcome<Object>> outcomes = call.settleList();
    assertEquals(new Outcome.Success<>(7), outcomes.get(0));
    assertSame(broken, orders.exception());
    assertEquals(new Outcome.Success<>(21), outcomes.get(2));
    assertEquals(Task.State.CANCELLED, score.state());
    Throwable skipped = ((Outcome.Failure<?>) score.outcome()).exception();
    assertInstanceOf(CancellationException.class, skipped);
    assertSame(broken, skipped.getCause());
    assertEquals(0, scoreRuns.get());
  }

  @Test
  void alongAChainTheCausesLeadToTheOriginalFailure() {
    IllegalStateException broken = new IllegalStateException("root");
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 3);
    Task<String> a = call.submit(0, "a", () -> {
      throw broken;
    });
    Task<String> b = call.submit(1, "b", () -> a.result(), Dependency.on(a));
    Task<String> c = call.submit(2, "c", () -> b.result(), Dependency.on(b));
    call.settleList();
    Throwable cause = ((Outcome.Failure<?>) c.outcome()).exception();
    assertInstanceOf(CancellationException.class, cause);
    assertInstanceOf(CancellationException.class, cause.getCause());
    assertSame(broken, cause.getCause().getCause());
  }

  @Test
  void anOutcomeDependencyRunsDespiteTheFailure() {
    IllegalStateException broken = new IllegalStateException("recs down");
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 2);
    Task<String> recs = call.submit(0, "recs", () -> {
      throw broken;
    });
    call.submit(1, "score", () -> "score after " + recs.outcome(), Dependency.onOutcome(recs));
    List<Outcome<Object>> outcomes = call.settleList();
    assertEquals(
        new Outcome.Success<>("score after " + new Outcome.Failure<>(broken)), outcomes.get(1));
  }

  @Test
  void aGatherThrowsTheOriginalFailureAndSkippedDependentsAddNothing() {
    IllegalStateException broken = new IllegalStateException("user down");
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 3);
    Task<String> user = call.submit(0, "user", () -> {
      throw broken;
    });
    call.submit(1, "orders", () -> user.result(), Dependency.on(user));
    call.submit(2, "recs", () -> user.result(), Dependency.on(user));
    IllegalStateException thrown = assertThrows(IllegalStateException.class, call::gatherList);
    assertSame(broken, thrown);
    assertEquals(List.of(), Failures.attachedTo(thrown));
  }

  @Test
  void underALimitOfOneAWaitingSlotHoldsNoPermitAndTheOrderIsTopological() {
    List<String> order = new CopyOnWriteArrayList<>();
    FanOutCall<Object> call = new FanOutCall<>(POOL, site().maxConcurrency(1), 4);
    Task<String> root = call.submit(3, "root", () -> record(order, "root"));
    Task<String> left = call.submit(1, "left", () -> record(order, "left"), Dependency.on(root));
    Task<String> right = call.submit(2, "right", () -> record(order, "right"), Dependency.on(root));
    call.submit(0, "sink", () -> record(order, "sink"), Dependency.on(left), Dependency.on(right));
    assertEquals(List.of("sink", "left", "right", "root"), call.gatherList());
    assertEquals(List.of("root", "left", "right", "sink"), order, "ready together: slot order");
  }

  private static String record(List<String> order, String name) {
    order.add(name);
    return name;
  }

  @Test
  void stageDependentsAreInvokedOnTheThreadThatEndedTheirDependencyWithoutTheExecutor() {
    Executor never = task -> {
      throw new AssertionError("no executor for stage tasks");
    };
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicReference<Thread> invokedOn = new AtomicReference<>();
    FanOutCall<Object> call = new FanOutCall<>(never, site(), 2);
    Task<String> a = call.submitStage(0, "a", () -> first);
    call.submitStage(1, "b", () -> {
      invokedOn.set(Thread.currentThread());
      return CompletableFuture.completedFuture(a.result() + "b");
    }, Dependency.on(a));
    CompletableFuture<List<Object>> gathered = call.gatherListAsync();
    Thread completer = new Thread(() -> first.complete("a"), "completer");
    completer.start();
    assertEquals(List.of("a", "ab"), gathered.orTimeout(WAIT, TimeUnit.SECONDS).join());
    assertSame(completer, invokedOn.get());
  }

  @Test
  void aPlainDependentRunsOnTheExecutorWhicheverThreadEndedItsDependency() throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 2);
    Task<String> a = call.submitStage(0, "a", () -> first);
    call.submit(1, "b", () -> {
      ranOn.set(Thread.currentThread());
      return a.result() + "b";
    }, Dependency.on(a));
    CompletableFuture<List<Object>> gathered = call.gatherListAsync();
    first.complete("a"); // on this thread
    assertEquals(List.of("a", "ab"), gathered.get(WAIT, TimeUnit.SECONDS));
    assertNotEquals(Thread.currentThread(), ranOn.get());
  }

  @Test
  void aTimeoutCancelsTheGraphMidwayAndNothingIsLeftRunning() throws Exception {
    Hang hang = new Hang();
    AtomicInteger laterRuns = new AtomicInteger();
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(200), 3);
    Task<String> slow = call.submit(0, "slow", hang);
    call.submit(1, "later", () -> "" + laterRuns.incrementAndGet() + slow.result(),
        Dependency.on(slow));
    call.submit(2, "free", () -> "free");
    assertThrows(FanOutTimeoutException.class, call::gatherList);
    assertTrue(hang.awaitInterrupted());
    assertEquals(0, laterRuns.get());
  }

  @Test
  void anInterruptCancelsTheGraphMidway() throws Exception {
    Hang hang = new Hang();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    FanOutCall<Object> call = new FanOutCall<>(POOL, site(), 2);
    Task<String> slow = call.submit(0, "slow", hang);
    Task<String> later = call.submit(1, "later", () -> slow.result(), Dependency.on(slow));
    Thread caller = new Thread(() -> {
      try {
        call.gatherList();
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    caller.start();
    assertTrue(hang.awaitStarted());
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(WAIT));
    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(hang.awaitInterrupted());
    assertEquals(Task.State.CANCELLED, later.state());
  }

  @Test
  void aWaitShowsAWaitingDependentAsPendingAndFirstCompletedCountsOnlyFinishedTasks()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FanOutCall<Object> call =
        new FanOutCall<>(POOL, site().returnWhen(ReturnWhen.FIRST_COMPLETED), 2);
    Task<String> a = call.submit(0, "a", () -> {
      release.await();
      return "a";
    });
    Task<String> b = call.submit(1, "b", () -> a.result() + "b", Dependency.on(a));
    CompletableFuture<WaitResult<Object>> waiting = call.waitForAsync();
    Thread.sleep(50); // nothing may complete the wait: b is waiting, a is running
    assertTrue(!waiting.isDone());
    release.countDown();
    try (WaitResult<Object> result = waiting.get(WAIT, TimeUnit.SECONDS)) {
      assertEquals("a", result.done().get(0).name());
      assertTrue(result.pending().isEmpty() || result.pending().equals(List.of(b)));
    }
  }

  @Test
  void asCompletedShowsASkippedDependentRightAfterTheFailureThatSkippedIt() {
    IllegalStateException broken = new IllegalStateException("a down");
    FanOutCall<Object> call = new FanOutCall<>(Runnable::run, site(), 3);
    Task<String> a = call.submit(0, "a", () -> {
      throw broken;
    });
    call.submit(1, "b", () -> a.result(), Dependency.on(a));
    call.submit(2, "c", () -> "c");
    try (Stream<Task<Object>> tasks = call.asCompletedTasks()) {
      List<String> names = tasks.map(t -> t.name() + ":" + t.state()).toList();
      assertEquals(List.of("a:FAILED", "b:CANCELLED", "c:SUCCESS"), names);
    }
  }
}
