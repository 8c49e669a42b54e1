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
    Hang hang = new Hang();
    CountDownLatch failNow = new CountDownLatch(1);
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site().declaring(IOException.class));
    call.submit("ok", () -> "ok");
    call.submit("bad", () -> {
      failNow.await();
      throw io;
    });
    call.submit("hang", hang);
    Iterator<String> it = call.asCompleted().iterator();
    assertEquals("ok", it.next());
    assertTrue(hang.awaitStarted());
    failNow.countDown();
    TaskFailedException thrown = assertThrows(TaskFailedException.class, it::next);
    assertSame(io, thrown.getCause(), "a stream wraps checked failures, declared or not");
    assertTrue(hang.awaitInterrupted());
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
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site(), Duration.ofMillis(150));
    call.submit("fast", () -> "fast");
    Task<String> task = call.submit("hang", hang);
    Iterator<String> it = call.asCompleted().iterator();
    assertEquals("fast", it.next());
    assertThrows(FanOutTimeoutException.class, it::next);
    assertEquals(Task.State.CANCELLED, task.state());
    assertTrue(hang.interruptedIfStarted());
    assertThrows(FanOutTimeoutException.class, it::hasNext, "and so does any later request");
  }

  @Test
  void closingTheStreamCancelsTheTasksNotYetYielded() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("fast", () -> "fast");
    call.submit("hang", hang);
    try (Stream<String> stream = call.asCompleted()) {
      assertEquals("fast", stream.iterator().next());
      assertTrue(hang.awaitStarted());
    }
    assertTrue(hang.awaitInterrupted());
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
    Hang hang = new Hang();
    FanOutCall<String> call = new FanOutCall<>(POOL, site());
    call.submit("hang", hang);
    call.submit("fast", () -> {
      hang.blockUntilStarted();
      return "fast";
    });
    assertEquals("fast", call.asCompleted().filter(s -> s.startsWith("f")).findFirst().orElseThrow());
    assertTrue(hang.awaitInterrupted());
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
