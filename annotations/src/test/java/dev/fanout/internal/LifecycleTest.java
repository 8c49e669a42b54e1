package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a call ends: one test per way the engine used to hang, leak or lose (issue "Nothing lost,
 * nothing leaked, nothing hangs"), and per decision taken there where the contract was silent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LifecycleTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final long WAIT = 10;

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site() {
    return Site.named("Test.lifecycle");
  }

  /** An executor that counts what it is handed, then runs it on the pool. */
  private static final class Counting implements Executor {
    final AtomicInteger executed = new AtomicInteger();
    private final Executor target;

    Counting(Executor target) {
      this.target = target;
    }

    @Override
    public void execute(Runnable command) {
      executed.incrementAndGet();
      target.execute(command);
    }
  }

  // ---- 1. minimal stages --------------------------------------------------------------------

  @Test
  void aMinimalStageIsComposedNotQueried() {
    CompletableFuture<String> source = new CompletableFuture<>();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submitStage("minimal", source::minimalCompletionStage);
    call.submitStage("done", () -> CompletableFuture.completedFuture("x").minimalCompletionStage());
    call.submit("sync", () -> {
      source.complete("later");
      return "sync";
    });
    assertEquals(List.of("later", "x", "sync"), call.gatherList());
  }

  @Test
  void aMinimalStageUnderALimitNeitherHangsNorOrphansItsSiblings() {
    CompletableFuture<String> source = new CompletableFuture<>();
    FanOutCall<String> call = new FanOutCall<>(POOL, site().maxConcurrency(1));
    call.submitStage("minimal", source::minimalCompletionStage);
    call.submit("next", () -> "next");
    CompletableFuture<List<String>> gathered = call.gatherListAsync();
    source.complete("first");
    assertEquals(List.of("first", "next"), gathered.orTimeout(WAIT, TimeUnit.SECONDS).join());
  }

  @Test
  void whatAStageThrowsFromItsOwnMethodsIsTheSlotsFailure() {
    IllegalStateException broken = new IllegalStateException("whenComplete is broken");
    CompletableFuture<String> hostile =
        new CompletableFuture<>() {
          @Override
          public CompletableFuture<String> whenComplete(
              BiConsumer<? super String, ? super Throwable> action) {
            throw broken;
          }
        };
    AtomicInteger ranAfter = new AtomicInteger();
    FanOutCall<String> call = new FanOutCall<>(POOL, site().maxConcurrency(1));
    Task<String> task = call.submitStage("hostile", () -> hostile);
    call.submit("after", () -> {
      ranAfter.incrementAndGet();
      return "after";
    });
    List<Outcome<String>> outcomes = call.settleList();
    assertSame(broken, task.exception());
    assertEquals(new Outcome.Success<>("after"), outcomes.get(1));
    assertEquals(1, ranAfter.get());
  }

  // ---- 2. the as-completed deadline fires whatever the consumer does -------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aBusyConsumerStillGetsTheDeadlineAndTheTasksAreCancelledAtOnce(int limit)
      throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site().maxConcurrency(limit), Duration.ofMillis(200));
    call.submit("fast", () -> "fast");
    call.submit("hang", hang);
    try (Stream<String> stream = call.asCompleted()) {
      Iterator<String> it = stream.iterator();
      assertEquals("fast", it.next());
      // The consumer is busy (it does not touch the stream); the deadline passes meanwhile.
      assertTrue(hang.awaitInterrupted(), "the deadline must cancel the tasks at once");
      assertThrows(FanOutTimeoutException.class, it::hasNext);
      assertThrows(FanOutTimeoutException.class, it::hasNext, "every later request throws");
    }
  }

  @Test
  void anAsyncStreamsBusyConsumerStillGetsTheDeadline() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(200));
    call.submit("fast", () -> "fast");
    call.submit("hang", hang);
    Stream<String> stream = call.asCompletedAsync().get(WAIT, TimeUnit.SECONDS);
    try (stream) {
      Iterator<String> it = stream.iterator();
      assertEquals("fast", it.next());
      assertTrue(hang.awaitInterrupted());
      assertThrows(FanOutTimeoutException.class, it::hasNext);
    }
  }

  @Test
  void resultsFinishedBeforeTheDeadlineAreYieldedAndNothingAfter() throws Exception {
    CountDownLatch deadlinePassed = new CountDownLatch(1);
    AtomicReference<Task<String>> late = new AtomicReference<>();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(200));
    call.submit("a", () -> "a");
    call.submit("b", () -> "b");
    late.set(call.submit("late", () -> {
      // Ignores its interrupt: it finishes after the deadline, with a value.
      while (deadlinePassed.getCount() > 0) {
        try {
          deadlinePassed.await();
        } catch (InterruptedException e) {
          deadlinePassed.countDown();
        }
      }
      return "late";
    }));
    try (Stream<Task<String>> stream = call.asCompletedTasks()) {
      Iterator<Task<String>> it = stream.iterator();
      assertTrue(deadlinePassed.await(WAIT, TimeUnit.SECONDS), "the deadline interrupts it");
      List<String> seen = new ArrayList<>();
      seen.add(it.next().name());
      seen.add(it.next().name());
      assertEquals(List.of("a", "b"), seen.stream().sorted().toList());
      assertThrows(FanOutTimeoutException.class, it::hasNext);
    }
    assertEquals(Task.State.CANCELLED, late.get().state());
  }

  @Test
  void aStreamWhoseTasksAllFinishedBeforeTheDeadlineDoesNotTimeOut() throws Exception {
    FanOutCall<String> call = new FanOutCall<>(Runnable::run, site(), Duration.ofMillis(50));
    call.submit("a", () -> "a");
    call.submit("b", () -> "b");
    try (Stream<String> stream = call.asCompleted()) {
      Thread.sleep(200); // the deadline passes with everything finished and nothing consumed
      assertEquals(List.of("a", "b"), stream.toList());
    }
  }

  // ---- 3. cancel vs. completion of an async future -------------------------------------------

  @Test
  void cancellingTheFutureWhileTheEngineCompletesItLeavesNothingRunning() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      Hang hang = new Hang();
      CountDownLatch go = new CountDownLatch(1);
      FanOutCall<String> call =
          new FanOutCall<>(POOL, site().returnWhen(ReturnWhen.FIRST_COMPLETED));
      call.submit("quick", () -> {
        go.await();
        return "quick";
      });
      call.submit("hang", hang);
      CompletableFuture<WaitResult<String>> future = call.waitForAsync();
      assertTrue(hang.awaitStarted(), "seed " + seed);
      int spins = random.nextInt(2_000);
      go.countDown();
      for (int i = 0; i < spins; i++) {
        Thread.onSpinWait();
      }
      if (future.cancel(true)) {
        assertTrue(hang.awaitInterrupted(), "round " + round + ", seed " + seed);
      } else {
        future.join().close();
        assertTrue(hang.awaitInterrupted(), "round " + round + ", seed " + seed);
      }
    }
  }

  @Test
  void aResultThatCannotBeBuiltFailsTheFutureAndCancelsThePendingTasks() throws Exception {
    Hang hang = new Hang();
    IllegalArgumentException broken = new IllegalArgumentException("record constructor");
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site().returnWhen(ReturnWhen.FIRST_COMPLETED));
    call.submit("quick", () -> "quick");
    call.submit("hang", hang);
    CompletableFuture<Object> future =
        call.waitForAsync(
            result -> {
              throw broken;
            });
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
    assertSame(broken, failed.getCause());
    assertTrue(hang.interruptedIfStarted(), "the pending task was left running");
  }

  @Test
  void aFutureCompletedFromOutsideBeforeTheEndCancelsTheTasks() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("hang", hang);
    CompletableFuture<WaitResult<String>> future = call.waitForAsync();
    assertTrue(hang.awaitStarted());
    assertTrue(future.complete(new WaitResult<>(List.of(), List.of())));
    assertTrue(hang.awaitInterrupted());
  }

  // ---- 4. a timeout that has already passed ---------------------------------------------------

  @ParameterizedTest
  @ValueSource(longs = {0, -5, 1_000_000})
  void anAsyncWaitWhoseTimeIsUpLaunchesThenReturnsWhatFinished(long nanos) throws Exception {
    FanOutCall<String> call = new FanOutCall<>(Runnable::run, site(), Duration.ofNanos(nanos));
    call.submit("done", () -> "done");
    Task<String> pending = call.submitStage("pending", () -> new CompletableFuture<String>());
    CompletableFuture<WaitResult<String>> future = call.waitForAsync();
    WaitResult<String> result = future.get(WAIT, TimeUnit.SECONDS);
    assertNotNull(result, "never null");
    assertEquals(1, result.done().size());
    assertEquals(List.of(pending), result.pending());
    result.close();
    assertEquals(Task.State.CANCELLED, pending.state());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -5})
  void aGatherWhoseTimeIsUpTimesOutUnlessEverythingFinishedDuringTheLaunch(long nanos) {
    FanOutCall<String> done = new FanOutCall<>(Runnable::run, site(), Duration.ofNanos(nanos));
    done.submit("a", () -> "a");
    assertEquals(List.of("a"), done.gatherList());

    Hang hang = new Hang();
    FanOutCall<String> late = new FanOutCall<>(POOL, site(), Duration.ofNanos(nanos));
    late.submit("hang", hang);
    assertThrows(FanOutTimeoutException.class, late::gatherList);
  }

  @Test
  void anAsyncGatherWhoseTimeIsUpFailsWithTimeoutAndCancels() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ZERO);
    call.submit("hang", hang);
    CompletableFuture<List<String>> future = call.gatherListAsync();
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, failed.getCause());
    assertTrue(hang.interruptedIfStarted());
  }

  // ---- 5. cancelling a task that has not started starts nothing -----------------------------

  @Test
  void closingAWaitUnderALimitLaunchesNothing() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      Counting counting = new Counting(single);
      Hang running = new Hang();
      AtomicInteger laterStarted = new AtomicInteger();
      FanOutCall<String> call =
          new FanOutCall<>(counting, site().maxConcurrency(2), Duration.ZERO);
      call.submit("running", running);
      call.submit("queued", () -> "" + laterStarted.incrementAndGet());
      call.submit("new", () -> "" + laterStarted.incrementAndGet());
      WaitResult<String> result = call.waitFor();
      assertTrue(running.awaitStarted());
      assertEquals(3, result.pending().size());
      assertEquals(2, counting.executed.get(), "the limit launched two");
      result.close();
      assertTrue(running.awaitInterrupted());
      single.submit(() -> {}).get(WAIT, TimeUnit.SECONDS); // the queued one has been dropped
      assertEquals(2, counting.executed.get(), "close() launched nothing");
      assertEquals(0, laterStarted.get());
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void cancellingAQueuedTaskDoesNotStartTheNextOne() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      Counting counting = new Counting(single);
      Hang running = new Hang();
      FanOutCall<String> call =
          new FanOutCall<>(counting, site().maxConcurrency(2), Duration.ZERO);
      call.submit("running", running);
      call.submit("queued", () -> "queued");
      call.submit("new", () -> "new");
      WaitResult<String> result = call.waitFor();
      assertTrue(running.awaitStarted());
      assertTrue(result.pending().get(1).cancel());
      assertEquals(2, counting.executed.get(), "the cancel started nothing");
      result.close();
    } finally {
      single.shutdownNow();
    }
  }

  // ---- 6. no slot starts after a failure, bounded or not ------------------------------------

  @Test
  void anUnboundedGatherStopsLaunchingAtAFailureSeenDuringItsLaunch() {
    IllegalStateException boom = new IllegalStateException("boom");
    Counting counting = new Counting(POOL);
    FanOutCall<String> call = new FanOutCall<>(counting, site());
    call.submitStage("failsAtOnce", () -> CompletableFuture.failedFuture(boom));
    call.submit("never", () -> "never");
    assertSame(boom, assertThrows(IllegalStateException.class, call::gather));
    assertEquals(0, counting.executed.get(), "a slot was launched after the failure");
  }

  @Test
  void aRejectionStopsTheLaunchOfAnUnboundedGather() {
    AtomicInteger offered = new AtomicInteger();
    Executor rejecting =
        command -> {
          offered.incrementAndGet();
          throw new java.util.concurrent.RejectedExecutionException("full");
        };
    FanOutCall<String> call = new FanOutCall<>(rejecting, site());
    call.submit("a", () -> "a");
    call.submit("b", () -> "b");
    call.submit("c", () -> "c");
    assertThrows(java.util.concurrent.RejectedExecutionException.class, call::gather);
    assertEquals(1, offered.get());
  }

  // ---- 7. a stream's failure carries the others ------------------------------------------------

  @Test
  void aFailureThrownOutOfAStreamCarriesTheOtherFailuresSoFar() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second");
    FanOutCall<String> call = new FanOutCall<>(Runnable::run, site());
    call.submit("a", () -> {
      throw first;
    });
    call.submitStage("b", () -> CompletableFuture.failedFuture(second));
    try (Stream<String> stream = call.asCompleted()) {
      IllegalStateException thrown = assertThrows(IllegalStateException.class, stream::toList);
      assertSame(first, thrown);
      assertEquals(List.of(second), Failures.attachedTo(thrown));
    }
  }

  // ---- 8. a settle's timeout carries the failures before it ----------------------------------

  @Test
  void aSettleTimeoutCarriesTheFailuresThatCameBeforeIt() throws Exception {
    IllegalStateException failed = new IllegalStateException("failed");
    CountDownLatch failedFirst = new CountDownLatch(1);
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(300));
    call.submit("fails", () -> {
      failedFirst.countDown();
      throw failed;
    });
    call.submit("hang", () -> {
      failedFirst.await();
      return hang.call();
    });
    FanOutTimeoutException thrown =
        assertThrows(FanOutTimeoutException.class, call::settleList);
    assertEquals(List.of(failed), Failures.attachedTo(thrown));
  }

  // ---- 9. a stream throws nothing checked -----------------------------------------------------

  @Test
  void aStreamTimesOutWithFanOutTimeoutExceptionEvenWhenTimeoutExceptionIsDeclared() {
    FanOutCall<String> call =
        new FanOutCall<>(
            POOL, site().declaring(TimeoutException.class), Duration.ofMillis(50));
    call.submit("hang", new Hang());
    try (Stream<String> stream = call.asCompleted()) {
      assertThrows(FanOutTimeoutException.class, stream::toList);
    }
  }

  @Test
  void anInterruptedConsumerGetsCancellationEvenWhenInterruptedExceptionIsDeclared()
      throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site().declaring(InterruptedException.class));
    call.submit("hang", hang);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread consumer =
        new Thread(
            () -> {
              try (Stream<String> stream = call.asCompleted()) {
                stream.toList();
              } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
              }
            });
    consumer.start();
    assertTrue(hang.awaitStarted());
    while (consumer.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    consumer.interrupt();
    consumer.join(TimeUnit.SECONDS.toMillis(WAIT));
    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(flag.get(), "the interrupt flag is set again");
    assertTrue(hang.awaitInterrupted());
  }

  // ---- 10. the permit comes back before futures complete --------------------------------------

  @Test
  void aCallbackOnOneTasksFutureMayWaitForTheNextUnderALimitOfOne() throws Exception {
    CountDownLatch secondStarted = new CountDownLatch(1);
    AtomicReference<Boolean> sawSecond = new AtomicReference<>();
    FanOutCall<String> call = new FanOutCall<>(POOL, site().maxConcurrency(1));
    Task<String> first = call.submit("first", () -> "first");
    call.submit("second", () -> {
      secondStarted.countDown();
      return "second";
    });
    CompletableFuture<Void> callback =
        first
            .toCompletableFuture()
            .thenRun(() -> {
              try {
                sawSecond.set(secondStarted.await(WAIT, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                sawSecond.set(false);
              }
            });
    assertEquals(List.of("first", "second"), call.gatherList());
    callback.get(2 * WAIT, TimeUnit.SECONDS);
    assertTrue(sawSecond.get(), "the next task started while the callback ran");
  }

  /**
   * The same for the call's own future: a wait for the first completion ends with the first
   * task, and a callback on its future may wait for the next task, which starts elsewhere.
   */
  @Test
  void aCallbackOnAWaitsFutureMayWaitForTheNextUnderALimitOfOne() throws Exception {
    CountDownLatch secondStarted = new CountDownLatch(1);
    AtomicReference<Boolean> sawSecond = new AtomicReference<>();
    FanOutCall<String> call = new FanOutCall<>(
        POOL, site().maxConcurrency(1).returnWhen(dev.fanout.ReturnWhen.FIRST_COMPLETED));
    call.submit("first", () -> "first");
    call.submit("second", () -> {
      secondStarted.countDown();
      return "second";
    });
    CompletableFuture<Void> callback =
        call.waitForAsync()
            .thenAccept(waited -> {
              try {
                sawSecond.set(secondStarted.await(WAIT, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                sawSecond.set(false);
              }
            });
    callback.get(2 * WAIT, TimeUnit.SECONDS);
    assertTrue(sawSecond.get(), "the next task started while the callback ran");
  }

  // ---- 11. no user callback on a timing thread ----------------------------------------------

  @Test
  void aSlowCallbackOnOneTimeoutDelaysNoOtherCallsTimeout() throws Exception {
    CountDownLatch secondTimedOut = new CountDownLatch(1);
    AtomicReference<String> callbackThread = new AtomicReference<>();
    AtomicReference<Boolean> sawSecond = new AtomicReference<>();

    FanOutCall<String> first = new FanOutCall<>(POOL, site(), Duration.ofMillis(50));
    first.submit("hang", new Hang());
    CompletableFuture<Void> slow =
        first
            .gatherListAsync()
            .handle(
                (value, exception) -> {
                  callbackThread.set(Thread.currentThread().getName());
                  try {
                    sawSecond.set(secondTimedOut.await(WAIT, TimeUnit.SECONDS));
                  } catch (InterruptedException e) {
                    sawSecond.set(false);
                  }
                  return null;
                });

    FanOutCall<String> second = new FanOutCall<>(POOL, site(), Duration.ofMillis(300));
    second.submit("hang", new Hang());
    second.gatherListAsync().whenComplete((value, exception) -> secondTimedOut.countDown());

    slow.get(2 * WAIT, TimeUnit.SECONDS);
    assertTrue(sawSecond.get(), "the second call timed out while the first's callback ran");
    assertFalse(callbackThread.get().contains("Delay"), callbackThread.get());
    assertFalse(callbackThread.get().equals("fanout-timer"), callbackThread.get());
  }
}
