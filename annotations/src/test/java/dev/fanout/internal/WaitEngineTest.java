package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's wait: return conditions, the done/pending split, timeouts that do not cancel. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WaitEngineTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site(ReturnWhen when) {
    return Site.named("Test.wait").returnWhen(when);
  }

  private static List<String> names(List<? extends Task<?>> tasks) {
    return tasks.stream().map(Task::name).collect(Collectors.toList());
  }

  @Test
  void firstCompletedReturnsWithTheFinishedTaskAndLeavesTheOtherRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site(ReturnWhen.FIRST_COMPLETED));
    call.submit("slow", () -> {
      release.await();
      return "slow";
    });
    call.submit("fast", () -> "fast");
    try (WaitResult<String> result = call.waitFor()) {
      assertEquals(List.of("fast"), names(result.done()));
      assertEquals(List.of("slow"), names(result.pending()));
      Task<String> slow = result.pending().get(0);
      assertFalse(slow.isDone());
      release.countDown();
      assertEquals("slow", slow.toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertEquals(Task.State.SUCCESS, slow.state());
    }
  }

  @Test
  void firstExceptionReturnsOnAFailure() {
    FanOutCall<String> call = new FanOutCall<>(POOL, site(ReturnWhen.FIRST_EXCEPTION));
    IllegalStateException boom = new IllegalStateException("boom");
    call.submit("hang", new Hang());
    call.submit("bad", () -> {
      throw boom;
    });
    try (WaitResult<String> result = call.waitFor()) {
      assertEquals(List.of("bad"), names(result.done()));
      assertSame(boom, result.done().get(0).exception());
      assertEquals(List.of("hang"), names(result.pending()));
    }
  }

  @Test
  void firstExceptionWithoutFailureWaitsForAll() {
    FanOutCall<Integer> call = new FanOutCall<>(POOL, site(ReturnWhen.FIRST_EXCEPTION));
    for (int i = 0; i < 4; i++) {
      int value = i;
      call.submit("n", () -> {
        Thread.sleep(5L * value);
        return value;
      });
    }
    WaitResult<Integer> result = call.waitFor();
    assertEquals(4, result.done().size());
    assertEquals(List.of(), result.pending());
  }

  @Test
  void cancelledTaskCountsForFirstCompletedButNotFirstException() throws Exception {
    CompletableFuture<String> stage = new CompletableFuture<>();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(ReturnWhen.FIRST_EXCEPTION));
    Task<String> cancelled = call.submitStage("remote", () -> stage);
    call.submit("slow", () -> {
      Thread.sleep(100);
      return "slow";
    });
    CompletableFuture<WaitResult<String>> waiting = call.waitForAsync();
    assertTrue(cancelled.cancel());
    assertFalse(waiting.isDone(), "a cancellation is not an exception");
    WaitResult<String> result = waiting.get(5, TimeUnit.SECONDS);
    assertEquals(2, result.done().size());

    FanOutCall<String> first = new FanOutCall<>(POOL, site(ReturnWhen.FIRST_COMPLETED));
    Task<String> task = first.submitStage("remote", CompletableFuture::new);
    first.submit("hang", new Hang());
    CompletableFuture<WaitResult<String>> firstWaiting = first.waitForAsync();
    task.cancel();
    try (WaitResult<String> r = firstWaiting.get(5, TimeUnit.SECONDS)) {
      assertEquals(List.of("remote"), names(r.done()));
      assertEquals(Task.State.CANCELLED, r.done().get(0).state());
    }
  }

  @Test
  void timeoutReturnsWithoutThrowingAndWithoutCancelling() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site(ReturnWhen.ALL_COMPLETED), Duration.ofMillis(100));
    call.submit("fast", () -> "fast");
    call.submit("slow", () -> {
      release.await();
      return "slow";
    });
    WaitResult<String> result = call.waitFor();
    assertEquals(List.of("fast"), names(result.done()));
    assertEquals(List.of("slow"), names(result.pending()));
    Task<String> slow = result.pending().get(0);
    assertEquals(Task.State.RUNNING, slow.state());
    release.countDown();
    assertEquals("slow", slow.toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  @Test
  void doneHoldsEveryFinishedTaskInCompletionOrderAndPendingTheRestInSlotOrder() {
    // A direct executor finishes slots 0, 2, 4 inside the launch; 1 and 3 are stages left open.
    FanOutCall<Integer> call = new FanOutCall<>(Runnable::run, site(ReturnWhen.FIRST_COMPLETED));
    CompletableFuture<Integer> one = new CompletableFuture<>();
    CompletableFuture<Integer> three = new CompletableFuture<>();
    call.submit("n", () -> 0);
    call.submitStage("n", () -> one);
    call.submit("n", () -> 2);
    call.submitStage("n", () -> three);
    call.submit("n", () -> 4);
    try (WaitResult<Integer> result = call.waitFor()) {
      List<Integer> done = result.done().stream().map(Task::index).collect(Collectors.toList());
      List<Integer> pending =
          result.pending().stream().map(Task::index).collect(Collectors.toList());
      assertEquals(List.of(0, 2, 4), done);
      assertEquals(List.of(1, 3), pending);
      Set<Integer> all = new HashSet<>(done);
      all.addAll(pending);
      assertEquals(Set.of(0, 1, 2, 3, 4), all);
    }
    assertTrue(one.isCancelled(), "close() cancels the pending stages");
  }

  @Test
  void closeInterruptsThePendingTasks() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(ReturnWhen.FIRST_COMPLETED));
    call.submit("fast", () -> "fast");
    Task<String> task = call.submit("hang", hang);
    WaitResult<String> result = call.waitFor();
    assertTrue(hang.awaitStarted());
    result.close();
    assertTrue(hang.awaitInterrupted());
    assertEquals(Task.State.CANCELLED, task.state());
    assertThrows(IllegalStateException.class, task::result);
    assertThrows(IllegalStateException.class, task::exception);
    Outcome.Failure<?> failure = assertInstanceOf(Outcome.Failure.class, task.outcome());
    assertInstanceOf(CancellationException.class, failure.exception());
    assertTrue(task.toCompletableFuture().isCancelled());
  }

  @Test
  void emptyInputGivesAnEmptyResultAtOnce() {
    FanOutCall<String> call =
        new FanOutCall<>(task -> {
          throw new AssertionError("no executor");
        }, site(ReturnWhen.FIRST_COMPLETED));
    WaitResult<String> result = call.waitFor();
    assertEquals(List.of(), result.done());
    assertEquals(List.of(), result.pending());
  }

  @Test
  void maxConcurrencyKeepsLaterSlotsPendingUntilEarlierOnesFinish() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site(ReturnWhen.ALL_COMPLETED).maxConcurrency(1), Duration.ZERO);
    call.submit("first", () -> {
      release.await();
      return "a";
    });
    Task<String> second = call.submit("second", () -> "b");
    WaitResult<String> result = call.waitFor();
    assertEquals(2, result.pending().size());
    release.countDown();
    assertEquals("b", second.toCompletableFuture().get(5, TimeUnit.SECONDS));
  }
}
