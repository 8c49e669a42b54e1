package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Task;
import dev.fanout.TaskFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's as_completed: completion order, failures, deadlines, cleanup. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AsCompletedEngineTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site() {
    return Site.named("Test.asCompleted");
  }

  @Test
  void yieldsInCompletionOrderAndTheFirstBeforeTheRestFinish() {
    CountDownLatch firstSeen = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("slow", () -> {
      firstSeen.await();
      return "slow";
    });
    call.submit("fast", () -> "fast");
    try (Stream<String> stream = call.asCompleted()) {
      Iterator<String> it = stream.iterator();
      assertEquals("fast", it.next());
      firstSeen.countDown();
      assertEquals("slow", it.next());
    }
  }

  @Test
  void aFailureThrowsWhenReachedAndCancelsTheRest() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch failNow = new CountDownLatch(1);
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site().declaring(IOException.class));
    call.submit("ok", () -> "ok");
    call.submit("bad", () -> {
      failNow.await();
      throw io;
    });
    call.submit("hang", () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return "never";
    });
    Iterator<String> it = call.asCompleted().iterator();
    assertEquals("ok", it.next());
    assertTrue(started.await(5, TimeUnit.SECONDS));
    failNow.countDown();
    TaskFailedException thrown = assertThrows(TaskFailedException.class, it::next);
    assertSame(io, thrown.getCause(), "a stream wraps checked failures, declared or not");
    assertTrue(interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void taskStreamThrowsNothingForAFailure() {
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("bad", () -> {
      throw new IllegalStateException("boom");
    });
    call.submit("ok", () -> "ok");
    List<Task.State> states =
        call.asCompletedTasks().map(Task::state).sorted().collect(Collectors.toList());
    assertEquals(List.of(Task.State.SUCCESS, Task.State.FAILED), states);
  }

  @Test
  void deadlineThrowsToTheWaitingConsumerAndCancels() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(150));
    call.submit("fast", () -> "fast");
    Task<String> hang =
        call.submit("hang", () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return "never";
    });
    Iterator<String> it = call.asCompleted().iterator();
    assertEquals("fast", it.next());
    assertThrows(FanOutTimeoutException.class, it::next);
    assertEquals(Task.State.CANCELLED, hang.state());
    // A task that had not started by the deadline never starts; one that had is interrupted.
    assertTrue(started.getCount() == 1 || interrupted.await(5, TimeUnit.SECONDS));
    assertThrows(FanOutTimeoutException.class, it::hasNext, "and so does any later request");
  }

  @Test
  void closingTheStreamCancelsTheTasksNotYetYielded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("fast", () -> "fast");
    call.submit("hang", () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return "never";
    });
    try (Stream<String> stream = call.asCompleted()) {
      assertEquals("fast", stream.iterator().next());
      assertTrue(started.await(5, TimeUnit.SECONDS));
    }
    assertTrue(interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void emptyInputGivesAnEmptyStream() {
    FanOutCall<String> call =
        new FanOutCall<>(task -> {
          throw new AssertionError("no executor");
        }, site());
    assertEquals(List.of(), call.asCompleted().collect(Collectors.toList()));
  }

  @Test
  void asyncStreamCompletesOnceTheFirstResultIsReady() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("gated", () -> {
      release.await();
      return "gated";
    });
    var future = call.asCompletedAsync();
    assertEquals(false, future.isDone());
    release.countDown();
    try (Stream<String> stream = future.get(5, TimeUnit.SECONDS)) {
      assertEquals(List.of("gated"), stream.collect(Collectors.toList()));
    }
  }

  @Test
  void aShortCircuitingTerminalOperationCancelsTheTasksItDidNotReach() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("hang", () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return "never";
    });
    call.submit("fast", () -> {
      started.await();
      return "fast";
    });
    assertEquals("fast", call.asCompleted().filter(s -> s.startsWith("f")).findFirst().orElseThrow());
    assertTrue(interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aFullyConsumedStreamLeavesNothingRunning() {
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    List<Task<String>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      tasks.add(call.submit("n", () -> "n" + n));
    }
    assertEquals(10, call.asCompleted().count());
    tasks.forEach(t -> assertEquals(Task.State.SUCCESS, t.state()));
  }
}
