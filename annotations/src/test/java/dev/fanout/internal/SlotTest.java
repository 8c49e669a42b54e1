package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cancellation interrupts its own task and never leaks into the pool thread's next task. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlotTest {

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void cancellationRacingCompletionNeverLeaksAnInterrupt(long seed) throws Exception {
    Random random = new Random(seed);
    ExecutorService single = Executors.newSingleThreadExecutor();
    AtomicInteger leaked = new AtomicInteger();
    try {
      for (int round = 0; round < 2_000; round++) {
        int spin = random.nextInt(200);
        FanOutCall<Integer> call =
            new FanOutCall<>(single, Site.named("race").returnWhen(ReturnWhen.FIRST_COMPLETED));
        Task<Integer> task =
            call.submit("spin", () -> {
              int x = 0;
              for (int i = 0; i < spin; i++) {
                x += i;
              }
              return x;
            });
        CompletableRace.cancelSoon(task, random.nextInt(3));
        WaitResult<Integer> result = call.waitFor();
        result.close();
        // The next task on the same thread must not see an interrupt meant for the last one.
        Future<Boolean> probe = single.submit(() -> Thread.currentThread().isInterrupted());
        if (probe.get(5, TimeUnit.SECONDS)) {
          leaked.incrementAndGet();
        }
      }
    } finally {
      single.shutdownNow();
    }
    assertEquals(0, leaked.get());
  }

  /**
   * An executor that runs a task again while its first run is still in the body (a broken
   * executor, or one that retries) changes nothing: the second run returns at once, and a cancel
   * still interrupts the first run's thread.
   */
  @Test
  void aSecondRunOfARunningTaskLeavesItsCancelToItsFirstRun() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      java.util.List<Runnable> given = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.Executor recording = task -> {
        given.add(task);
        pool.execute(task);
      };
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      AtomicInteger bodies = new AtomicInteger();
      FanOutCall<Integer> call = new FanOutCall<>(recording, Site.named("twice"), 1);
      Task<Integer> task = call.submit("blocks", () -> {
        bodies.incrementAndGet();
        started.countDown();
        try {
          Thread.sleep(TimeUnit.SECONDS.toMillis(50));
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
        return 1;
      });
      call.gatherListAsync();
      assertTrue(started.await(10, TimeUnit.SECONDS));
      given.get(0).run(); // the executor runs it again, here, while its first run sleeps
      assertTrue(task.cancel());
      assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the first run was never interrupted");
      assertEquals(1, bodies.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A cancel records only that the task was cancelled; its exception is built when first read,
   * and every reader (and every later read) gets that same instance, whose message names the task.
   */
  @Test
  void aCancelledTasksExceptionIsBuiltOnceWhenRead() {
    java.util.List<Runnable> queued = new java.util.ArrayList<>();
    FanOutCall<Integer> call = new FanOutCall<>(queued::add, Site.named("lazy"));
    Task<Integer> task = call.submit("never", () -> 1);
    call.waitForAsync(); // launched into the queue, never run
    assertTrue(task.cancel());
    assertFalse(task.cancel());
    assertEquals(Task.State.CANCELLED, task.state());
    Throwable first = ((dev.fanout.Outcome.Failure<Integer>) task.outcome()).exception();
    assertTrue(first instanceof java.util.concurrent.CancellationException, String.valueOf(first));
    assertEquals("task \"never\" was cancelled", first.getMessage());
    assertTrue(
        first == ((dev.fanout.Outcome.Failure<Integer>) task.outcome()).exception(),
        "the same instance on every read");
    assertEquals(0, first.getStackTrace().length);
    queued.forEach(Runnable::run); // the executor gets to it: the body never runs
    assertEquals(Task.State.CANCELLED, task.state());
  }

  /** Cancels from another thread after a short, varying delay. */
  private static final class CompletableRace {
    static void cancelSoon(Task<?> task, int yields) {
      Thread canceller =
          new Thread(() -> {
            for (int i = 0; i < yields; i++) {
              Thread.yield();
            }
            task.cancel();
          });
      canceller.start();
    }
  }

  @Test
  void cancelBeforeStartMeansTheBodyNeverRuns() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      single.execute(() -> {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      AtomicInteger ran = new AtomicInteger();
      FanOutCall<Integer> call =
          new FanOutCall<>(single, Site.named("queued").returnWhen(ReturnWhen.FIRST_COMPLETED));
      Task<Integer> task = call.submit("queued", ran::incrementAndGet);
      var waiting = call.waitForAsync();
      assertTrue(task.cancel());
      assertFalse(task.cancel(), "a second cancel does nothing");
      gate.countDown();
      waiting.get(5, TimeUnit.SECONDS);
      single.submit(() -> null).get(5, TimeUnit.SECONDS);
      assertEquals(0, ran.get());
      assertEquals(Task.State.CANCELLED, task.state());
    } finally {
      single.shutdownNow();
    }
  }

  /**
   * A stage task cancelled while its body is still starting (here by the body itself) keeps no
   * stage to cancel yet: the start cancels the stage the body returns, so nothing of the task is
   * left running; and a stage that is already done when the body returns it leaves the task
   * cancelled.
   */
  @Test
  void aStageTaskCancelledWhileItsBodyStartsHasItsStageCancelled() {
    AtomicReference<Task<String>> self = new AtomicReference<>();
    CompletableFuture<String> pending = new CompletableFuture<>();
    FanOutCall<String> call = new FanOutCall<>(Runnable::run, Site.named("cancelWhileStarting"));
    self.set(call.submitStage("pending", () -> {
      self.get().cancel();
      return pending;
    }));
    Task<String> done = call.submitStage("done", () -> {
      self.get().cancel(); // already cancelled: nothing more
      return CompletableFuture.completedFuture("done");
    });
    call.settle();
    assertEquals(Task.State.CANCELLED, self.get().state());
    assertTrue(pending.isCancelled(), "the stage the cancelled body returned was left running");
    assertEquals(Task.State.SUCCESS, done.state());
  }
}
