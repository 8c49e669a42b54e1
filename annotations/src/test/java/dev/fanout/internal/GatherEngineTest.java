package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOut;
import dev.fanout.FanOutListener;
import dev.fanout.FanOutTimeoutException;
import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.TaskFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's gather: order, failures, cancellation, limits, timeouts, interrupts. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GatherEngineTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final Executor NEVER =
      task -> {
        throw new AssertionError("the executor must not be touched");
      };

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site() {
    return Site.named("Test.site");
  }

  @Test
  void resultsComeInSlotOrderWhateverOrderTheyFinishIn() {
    CountDownLatch secondDone = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("first", () -> {
      secondDone.await();
      return "a";
    });
    call.submit("second", () -> {
      secondDone.countDown();
      return "b";
    });
    assertEquals(List.of("a", "b"), call.gatherList());
  }

  @Test
  void nullResultsAreKept() {
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("nothing", () -> null);
    call.submit("something", () -> "x");
    assertEquals(java.util.Arrays.asList(null, "x"), call.gatherList());
  }

  @Test
  void firstFailureIsThrownAtOnceAndInterruptsTheSiblings() throws Exception {
    Hang slow = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    Task<String> sibling = call.submit("slow", slow);
    IllegalStateException boom = new IllegalStateException("boom");
    call.submit("failing", () -> {
      slow.blockUntilStarted();
      throw boom;
    });
    IllegalStateException thrown = assertThrows(IllegalStateException.class, call::gatherList);
    assertSame(boom, thrown);
    assertTrue(slow.awaitInterrupted(), "the sibling was interrupted");
    assertEquals(Task.State.CANCELLED, sibling.state());
  }

  @Test
  void undeclaredCheckedFailureIsWrappedWithTheTaskNameAndSlot() {
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("fine", () -> "ok");
    call.submit("read", () -> {
      throw io;
    });
    TaskFailedException thrown = assertThrows(TaskFailedException.class, call::gather);
    assertSame(io, thrown.getCause());
    assertEquals("read", thrown.name());
    assertEquals(1, thrown.index());
  }

  @Test
  void declaredCheckedFailureIsThrownAsItIs() {
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site().declaring(IOException.class));
    call.submit("read", () -> {
      throw io;
    });
    Throwable thrown = assertThrows(Throwable.class, call::gather);
    assertSame(io, thrown);
  }

  @Test
  void failuresThatHappenedBeforeTheThrowAreSuppressed() {
    // A direct executor runs both slots inside the launch, so both have failed before the throw
    // (with cancelOnFailure, the first failure would stop the launch before the second).
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second");
    FanOutCall<String> call = new FanOutCall<>(Runnable::run, site().cancelOnFailure(false));
    call.submit("a", () -> {
      throw first;
    });
    call.submit("b", () -> {
      throw second;
    });
    IllegalStateException thrown = assertThrows(IllegalStateException.class, call::gather);
    assertSame(first, thrown);
    assertEquals(List.of(second), Failures.attachedTo(thrown));
  }

  @Test
  void withoutCancelOnFailureTheSiblingsRunOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch siblingFinished = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site().cancelOnFailure(false));
    Task<String> sibling =
        call.submit("slow", () -> {
          release.await();
          siblingFinished.countDown();
          return "done";
        });
    call.submit("failing", () -> {
      throw new IllegalStateException("boom");
    });
    assertThrows(IllegalStateException.class, call::gather);
    assertFalse(sibling.isDone(), "the sibling is still running after the throw");
    release.countDown();
    assertTrue(siblingFinished.await(5, TimeUnit.SECONDS));
    assertEquals("done", sibling.toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  @Test
  void withCancelOnFailureSlotsNotYetStartedNeverStart() {
    AtomicInteger started = new AtomicInteger();
    FanOutCall<String> call = new FanOutCall<>(POOL, site().maxConcurrency(1));
    call.submit("failing", () -> {
      started.incrementAndGet();
      throw new IllegalStateException("boom");
    });
    List<Task<String>> rest = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rest.add(call.submit("never", () -> {
        started.incrementAndGet();
        return "x";
      }));
    }
    assertThrows(IllegalStateException.class, call::gather);
    assertEquals(1, started.get());
    rest.forEach(t -> assertEquals(Task.State.CANCELLED, t.state()));
  }

  @Test
  void maxConcurrencyBoundsInFlight() {
    int limit = 3;
    int slots = 40; // more than one thread runs in a row: some go through the executor again
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    FanOutCall<Integer> call = new FanOutCall<>(POOL, site().maxConcurrency(limit));
    for (int i = 0; i < slots; i++) {
      int value = i;
      call.submit("work", () -> {
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Thread.sleep(2);
        inFlight.decrementAndGet();
        return value;
      });
    }
    List<Integer> results = call.gatherList();
    assertTrue(peak.get() <= limit, "peak " + peak.get() + " > " + limit);
    assertEquals(inputs(slots), results);
  }

  /**
   * Under a limit of one, the tasks start strictly in slot order, whether the executor or the
   * thread of the task before launches them.
   */
  @Test
  void maxConcurrencyLaunchesInSlotOrder() {
    int slots = 40;
    List<Integer> startOrder = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger viaExecutor = new AtomicInteger();
    Executor counting = task -> {
      viaExecutor.incrementAndGet();
      POOL.execute(task);
    };
    FanOutCall<Integer> call = new FanOutCall<>(counting, site().maxConcurrency(1));
    for (int i = 0; i < slots; i++) {
      int value = i;
      call.submit("work", () -> {
        startOrder.add(value);
        return value;
      });
    }
    assertEquals(inputs(slots), call.gatherList());
    assertEquals(inputs(slots), startOrder);
    // The thread that ran a task runs the next, 16 in a row, then the executor gets one again:
    // 3 hand-offs, and one more each time a task ends while another thread is launching.
    assertTrue(viaExecutor.get() >= 3 && viaExecutor.get() <= 10,
        viaExecutor.get() + " hand-offs to the executor");
  }

  private static List<Integer> inputs(int n) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(i);
    }
    return values;
  }

  @Test
  void timeoutCancelsTheTasksAndThrowsFanOutTimeoutException() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(100));
    Task<String> task = call.submit("hang", hang);
    assertThrows(FanOutTimeoutException.class, call::gather);
    assertEquals(Task.State.CANCELLED, task.state());
    assertTrue(hang.interruptedIfStarted());
  }

  @Test
  void declaredTimeoutExceptionIsThrownOnTimeout() {
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site().declaring(TimeoutException.class), Duration.ZERO);
    call.submit("hang", new Hang());
    Throwable thrown = assertThrows(Throwable.class, call::gather);
    assertInstanceOf(TimeoutException.class, thrown);
  }

  @Test
  void siteTimeoutAppliesAndANullDurationParameterMeansNone() {
    FanOutCall<String> timed = new FanOutCall<>(POOL, site().timeout(Duration.ofMillis(50)));
    timed.submit("hang", new Hang());
    assertThrows(FanOutTimeoutException.class, timed::gather);

    FanOutCall<String> untimed =
        new FanOutCall<>(POOL, site().timeout(Duration.ofMillis(1)), null);
    untimed.submit("slowish", () -> {
      Thread.sleep(50);
      return "fine";
    });
    assertEquals(List.of("fine"), untimed.gatherList());
  }

  @Test
  void interruptedCallerCancelsTheTasksAndThrowsCancellationWithTheFlagSet() throws Exception {
    Hang hang = new Hang();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller =
        new Thread(() -> {
          FanOutCall<String> call = new FanOutCall<>(POOL, site());
          call.submit("hang", hang);
          try {
            call.gather();
          } catch (Throwable t) {
            thrown.set(t);
            flag.set(Thread.currentThread().isInterrupted());
          }
        });
    caller.start();
    assertTrue(hang.awaitStarted());
    caller.interrupt();
    caller.join(5000);
    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(flag.get(), "the interrupt flag is set again");
    assertTrue(hang.awaitInterrupted());
  }

  @Test
  void interruptedCallerGetsInterruptedExceptionWhenDeclared() throws Exception {
    Hang hang = new Hang();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(() -> {
          FanOutCall<String> call =
              new FanOutCall<>(POOL, site().declaring(InterruptedException.class));
          call.submit("hang", hang);
          try {
            call.gather();
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    caller.start();
    assertTrue(hang.awaitStarted());
    caller.interrupt();
    caller.join(5000);
    assertInstanceOf(InterruptedException.class, thrown.get());
  }

  @Test
  void emptyInputReturnsAtOnceWithoutTouchingTheExecutor() {
    assertEquals(List.of(), new FanOutCall<String>(NEVER, site()).gatherList());
    assertEquals(List.of(), new FanOutCall<String>(NEVER, site()).settleList());
    new FanOutCall<String>(NEVER, site()).gather();
    assertTrue(new FanOutCall<String>(NEVER, site()).gatherListAsync().isDone());
  }

  @Test
  void stageTasksAreComposedWithoutTheExecutor() throws Exception {
    CompletableFuture<String> later = new CompletableFuture<>();
    FanOutCall<String> call = new FanOutCall<>(NEVER, site());
    call.submitStage("remote", () -> later);
    call.submitStage("ready", () -> CompletableFuture.completedFuture("now"));
    CompletableFuture<List<String>> all = call.gatherListAsync();
    assertFalse(all.isDone());
    later.complete("then");
    assertEquals(List.of("then", "now"), all.get(5, TimeUnit.SECONDS));
  }

  /** A body created once and submitted per element runs with each element, null included. */
  @Test
  void aBodyThatTakesItsArgumentRunsWithEachElement() {
    TaskFunction<String, String> shout = s -> s == null ? "none" : s + "!";
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    for (String s : java.util.Arrays.asList("a", null, "b")) {
      call.submit("shout", shout, s);
    }
    assertEquals(List.of("a!", "none", "b!"), call.gatherList());
  }

  @Test
  void aStageBodyThatTakesItsArgumentStartsWithEachElement() throws Exception {
    CompletableFuture<String> later = new CompletableFuture<>();
    StageFunction<Integer, String> fetch =
        i -> i == 0 ? later : CompletableFuture.completedFuture("now " + i);
    FanOutCall<String> call = new FanOutCall<>(NEVER, site());
    call.submitStage("fetch", fetch, 0);
    call.submitStage("fetch", fetch, 1);
    CompletableFuture<List<String>> all = call.gatherListAsync();
    assertFalse(all.isDone());
    later.complete("then 0");
    assertEquals(List.of("then 0", "now 1"), all.get(5, TimeUnit.SECONDS));
  }

  @Test
  void whatABodyThatTakesItsArgumentThrowsIsItsTasksFailure() {
    IOException io = new IOException("remote");
    TaskFunction<Integer, Integer> sync = i -> {
      throw io;
    };
    StageFunction<Integer, Integer> stage = i -> {
      throw io;
    };
    FanOutCall<Integer> call = new FanOutCall<>(POOL, site());
    call.submit("sync", sync, 1);
    call.submitStage("stage", stage, 2);
    List<Outcome<Integer>> outcomes = call.settleList();
    for (Outcome<Integer> outcome : outcomes) {
      assertSame(io, ((Outcome.Failure<Integer>) outcome).exception());
    }
    assertEquals(2, outcomes.size());
  }

  @Test
  void stageFailureIsUnwrapped() {
    IOException io = new IOException("remote");
    FanOutCall<String> call = new FanOutCall<>(NEVER, site());
    call.submitStage("remote", () -> CompletableFuture.<String>failedFuture(io)
        .thenApply(s -> s + "!"));
    TaskFailedException thrown = assertThrows(TaskFailedException.class, call::gather);
    assertSame(io, thrown.getCause());
  }

  @Test
  void manyCompletedStagesUnderALimitDoNotRecurse() {
    FanOutCall<Integer> call = new FanOutCall<>(NEVER, site().maxConcurrency(2));
    int slots = 50_000;
    for (int i = 0; i < slots; i++) {
      int value = i;
      call.submitStage("cached", () -> CompletableFuture.completedFuture(value));
    }
    List<Integer> results = call.gatherList();
    assertEquals(slots, results.size());
    assertEquals(slots - 1, results.get(slots - 1));
  }

  @Test
  void rejectedExecutionReachesTheCaller() {
    FanOutCall<String> call =
        new FanOutCall<>(task -> {
          throw new RejectedExecutionException("full");
        }, site());
    call.submit("any", () -> "x");
    assertThrows(RejectedExecutionException.class, call::gather);
  }

  /**
   * A failure whose outcome is set but which is not counted yet when another failure ends the
   * gather (its thread held in a listener, which hears of a task before it is counted) is still
   * attached to the thrown failure: the end must look for it in the slots, since the counts do
   * not show it.
   */
  @Test
  void aFailureNotYetCountedWhenTheGatherEndsIsStillSuppressedInTheThrownOne() throws Exception {
    IllegalStateException held = new IllegalStateException("held before it is counted");
    IOException first = new IOException("the failure that ends the gather");
    CountDownLatch heldInBetween = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FanOutListener holdTheSecond = new FanOutListener() {
      @Override
      public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
        if (task.name().equals("held")) {
          heldInBetween.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    FanOut.Registration registration = FanOut.register(holdTheSecond);
    try {
      FanOutCall<String> call = new FanOutCall<>(POOL, site());
      call.submit("first", () -> {
        heldInBetween.await();
        throw first;
      });
      call.submit("held", () -> {
        throw held;
      });
      call.submit("hangs", new Hang());
      CompletableFuture<List<String>> gathered = call.gatherListAsync();
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> gathered.get(10, TimeUnit.SECONDS));
      assertSame(first, failed.getCause());
      assertTrue(List.of(first.getSuppressed()).contains(held),
          "suppressed: " + List.of(first.getSuppressed()));
    } finally {
      release.countDown();
      registration.close();
    }
  }

  @Test
  void settleKeepsEveryOutcomeInSlotOrder() {
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("ok", () -> "fine");
    call.submit("bad", () -> {
      throw io;
    });
    List<Outcome<String>> outcomes = call.settleList();
    assertEquals(new Outcome.Success<>("fine"), outcomes.get(0));
    assertEquals(new Outcome.Failure<String>(io), outcomes.get(1));
  }

  @Test
  void asyncGatherReturnsAtOnceAndFailsWithTheOriginalCheckedException() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("bad", () -> {
      release.await();
      throw io;
    });
    CompletableFuture<List<String>> future = call.gatherListAsync();
    assertFalse(future.isDone());
    release.countDown();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertSame(io, e.getCause());
  }

  @Test
  void cancellingTheAsyncResultInterruptsTheTasks() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("hang", hang);
    CompletableFuture<List<String>> future = call.gatherListAsync();
    assertTrue(hang.awaitStarted());
    assertTrue(future.cancel(true));
    assertTrue(hang.awaitInterrupted());
  }

  @Test
  void asyncTimeoutFailsWithTimeoutExceptionAndCancels() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(100));
    Task<String> task = call.submit("hang", hang);
    CompletableFuture<List<String>> future = call.gatherListAsync();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertEquals(Task.State.CANCELLED, task.state());
    assertTrue(hang.interruptedIfStarted());
  }

  @Test
  void completingTheAsyncResultFromOutsideCancelsTheTasks() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("hang", hang);
    CompletableFuture<List<String>> future = call.gatherListAsync();
    assertTrue(hang.awaitStarted());
    assertTrue(future.complete(List.of("instead")));
    assertTrue(hang.awaitInterrupted());
  }

  @Test
  void anAsyncFailureWithoutCancelOnFailureLeavesTheSiblingsRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site().cancelOnFailure(false));
    Task<String> sibling =
        call.submit("slow", () -> {
          release.await();
          return "done";
        });
    call.submit("bad", () -> {
      throw new IllegalStateException("boom");
    });
    CompletableFuture<List<String>> future = call.gatherListAsync();
    assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertFalse(sibling.isDone());
    release.countDown();
    assertEquals("done", sibling.toCompletableFuture().get(5, TimeUnit.SECONDS));
  }
}
