package dev.fanout.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Task;
import dev.fanout.TaskFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** @AsCompleted, run through generated coordinators. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsCompletedTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Race race(Race.Hooks hooks) {
    return new RaceCoordinator(POOL, hooks);
  }

  @Test
  void theFirstResultArrivesWhileSlowerTasksStillRun() throws Exception {
    Gates gates = new Gates().gate(0, 1);
    try (Stream<String> stream = race(gates).asCompleted(List.of(0, 1, 2))) {
      Iterator<String> it = stream.iterator();
      assertEquals("work 2", it.next());
      assertFalse(gates.wasInterrupted(0));
      gates.open(1);
      assertEquals("work 1", it.next());
      gates.open(0);
      assertEquals("work 0", it.next());
      assertFalse(it.hasNext());
    }
  }

  @Test
  void aFailedTaskThrowsWhenTheStreamReachesItAndCancelsTheRest() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    Gates gates = new Gates().gate(0, 1).fail(1, boom);
    Iterator<String> it = race(gates).asCompleted(List.of(0, 1, 2)).iterator();
    assertEquals("work 2", it.next());
    assertTrue(gates.awaitStarted(0));
    gates.open(1);
    assertSame(boom, assertThrows(IllegalStateException.class, it::next));
    assertTrue(gates.awaitInterrupted(0), "the task not yet yielded is cancelled");
  }

  @Test
  void aCheckedFailureIsWrappedEvenWhenDeclared() {
    IOException io = new IOException("disk");
    Gates gates = new Gates().fail(0, io);
    TaskFailedException thrown =
        assertThrows(
            TaskFailedException.class,
            () -> race(gates).asCompletedChecked(List.of(0)).collect(Collectors.toList()));
    assertSame(io, thrown.getCause());
    assertEquals("work", thrown.name());
    assertEquals(0, thrown.index());
  }

  @Test
  void taskHandlesTellWhichInputEachBelongsToAndNothingIsThrown() {
    Gates gates = new Gates().fail(1, new IOException("disk"));
    List<Task<String>> tasks =
        race(gates).tasksAsCompleted(new int[] {0, 1, 2}).collect(Collectors.toList());
    assertEquals(Set.of(0, 1, 2), tasks.stream().map(Task::index).collect(Collectors.toSet()));
    Task<String> failed =
        tasks.stream().filter(t -> t.index() == 1).findFirst().orElseThrow();
    assertEquals(Task.State.FAILED, failed.state());
    assertEquals("work", failed.name());
  }

  @Test
  void theDeadlineThrowsFanOutTimeoutExceptionToTheWaitingConsumer() throws Exception {
    Gates gates = new Gates().gate(1);
    Iterator<String> it = race(gates).asCompletedTimed(List.of(0, 1)).iterator();
    assertEquals("work 0", it.next());
    assertThrows(FanOutTimeoutException.class, it::next);
    assertTrue(!gates.hasStarted(1) || gates.awaitInterrupted(1));
    assertThrows(FanOutTimeoutException.class, it::hasNext, "and so does any later request");
  }

  @Test
  void aDurationParameterSetsTheDeadlineAndAStreamNeverThrowsACheckedTimeout() throws Exception {
    // The method declares TimeoutException, but a stream cannot throw a checked exception.
    Gates gates = new Gates().gate(0);
    Stream<String> stream = race(gates).asCompletedWithin(List.of(0), Duration.ofMillis(100));
    Throwable thrown = assertThrows(Throwable.class, () -> stream.iterator().next());
    assertTrue(thrown instanceof FanOutTimeoutException, thrown.toString());
  }

  @Test
  void closingTheStreamCancelsWhatWasNotYielded() throws Exception {
    Gates gates = new Gates().gate(0);
    try (Stream<String> stream = race(gates).asCompleted(List.of(0, 1))) {
      assertEquals("work 1", stream.iterator().next());
      assertTrue(gates.awaitStarted(0));
    }
    assertTrue(gates.awaitInterrupted(0));
  }

  @Test
  void maxConcurrencyRunsOneAtATimeInSlotOrder() throws Exception {
    Gates gates = new Gates().gate(0);
    try (Stream<String> stream = race(gates).asCompletedOneAtATime(List.of(0, 1))) {
      Iterator<String> it = stream.iterator();
      assertTrue(gates.awaitStarted(0));
      assertFalse(gates.hasStarted(1));
      gates.open(0);
      assertEquals("work 0", it.next());
      assertEquals("work 1", it.next());
    }
  }

  @Test
  void aFutureOfTheStreamCompletesWithTheFirstResult() throws Exception {
    Gates gates = new Gates().gate(0);
    CompletableFuture<Stream<String>> future = race(gates).asCompletedAsync(List.of(0));
    assertTrue(gates.awaitStarted(0));
    assertFalse(future.isDone());
    gates.open(0);
    try (Stream<String> stream = future.get(5, TimeUnit.SECONDS)) {
      assertEquals(List.of("work 0"), stream.collect(Collectors.toList()));
    }
  }

  @Test
  void emptyInputGivesAnEmptyStreamAtOnce() {
    Executor never =
        task -> {
          throw new AssertionError("no executor");
        };
    assertEquals(
        List.of(),
        new RaceCoordinator(never, new Gates()).asCompleted(List.of()).collect(Collectors.toList()));
  }

  @Test
  void differentSlotTypesAsTaskHandles() {
    Set<Object> values =
        race(new Gates()).mixedAsCompleted().map(Task::result).collect(Collectors.toSet());
    assertEquals(new HashSet<>(List.of("work 1", 42)), values);
  }

  @Test
  void findFirstCancelsTheTasksItDidNotReach() throws Exception {
    Gates gates = new Gates().gate(0);
    Race race = race(gates);
    String first =
        race.asCompleted(List.of(0, 1))
            .filter(result -> awaitStarted(gates, 0)) // 0 is running when findFirst ends
            .findFirst()
            .orElseThrow();
    assertEquals("work 1", first);
    assertTrue(gates.awaitInterrupted(0));
  }

  private static boolean awaitStarted(Gates gates, int x) {
    try {
      return gates.awaitStarted(x);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFullyConsumedStreamLeavesNothingRunning() {
    List<Task<String>> tasks =
        race(new Gates()).tasksAsCompleted(new int[] {0, 1, 2, 3}).collect(Collectors.toList());
    tasks.forEach(t -> assertTrue(t.isDone()));
    assertEquals(4, tasks.size());
  }
}
