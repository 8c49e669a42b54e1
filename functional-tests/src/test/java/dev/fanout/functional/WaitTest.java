package dev.fanout.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** @Wait, run through generated coordinators. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WaitTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Race race(Race.Hooks hooks) {
    return new RaceCoordinator(POOL, hooks);
  }

  private static List<String> names(List<? extends Task<?>> tasks) {
    return tasks.stream().map(Task::name).collect(Collectors.toList());
  }

  @Test
  void allCompletedWaitsForEveryTaskAndNeverThrowsAFailure() {
    IOException io = new IOException("disk");
    Gates gates = new Gates().fail(2, io);
    try (WaitResult<String> result = race(gates).all()) {
      assertEquals(Set.of("first", "second"), new HashSet<>(names(result.done())));
      assertEquals(List.of(), result.pending());
      Task<String> second =
          result.done().stream().filter(t -> t.name().equals("second")).findFirst().orElseThrow();
      assertEquals(Task.State.FAILED, second.state());
      assertSame(io, second.exception());
      assertEquals(new Outcome.Failure<String>(io), second.outcome());
      assertThrows(IllegalStateException.class, second::result);
    }
  }

  @Test
  void firstCompletedReturnsAsSoonAsOneIsDoneAndLeavesTheOtherRunning() throws Exception {
    Gates gates = new Gates().gate(2);
    WaitResult<String> result = race(gates).firstCompleted();
    assertEquals(List.of("first"), names(result.done()));
    assertEquals(List.of("second"), names(result.pending()));
    Task<String> second = result.pending().get(0);
    assertEquals(1, second.index());
    assertEquals(Task.State.RUNNING, second.state());
    assertFalse(second.isDone());
    assertThrows(IllegalStateException.class, second::result);
    assertThrows(IllegalStateException.class, second::exception);
    assertThrows(IllegalStateException.class, second::outcome);
    gates.open(2);
    assertEquals("work 2", second.toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(Task.State.SUCCESS, second.state());
    assertEquals("work 2", second.result());
  }

  @Test
  void firstExceptionReturnsOnTheFirstFailure() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    Gates gates = new Gates().gate(1).fail(2, boom);
    try (WaitResult<String> result = race(gates).firstException()) {
      assertEquals(List.of("second"), names(result.done()));
      assertSame(boom, result.done().get(0).exception());
      assertEquals(List.of("first"), names(result.pending()));
      assertTrue(gates.awaitStarted(1));
    }
    assertTrue(gates.awaitInterrupted(1), "close() interrupts the pending task");
  }

  @Test
  void firstExceptionWithoutAFailureWaitsForAll() {
    try (WaitResult<String> result = race(new Gates()).firstException()) {
      assertEquals(2, result.done().size());
      assertEquals(List.of(), result.pending());
    }
  }

  @Test
  void doneHoldsEveryTaskFinishedByThenInCompletionOrder() throws Exception {
    // A direct executor finishes every slot inside the launch, in slot order.
    Race race = new RaceCoordinator(Runnable::run, new Gates());
    WaitResult<String> result = race.firstCompleted();
    assertEquals(List.of("first", "second"), names(result.done()));
    assertEquals(List.of(), result.pending());
  }

  @Test
  void doneAndPendingPartitionTheSlots() throws Exception {
    Gates gates = new Gates().gate(1, 3);
    try (WaitResult<String> result = race(gates).workWithin(List.of(0, 1, 2, 3, 4), Duration.ofMillis(300))) {
      List<Integer> done = result.done().stream().map(Task::index).collect(Collectors.toList());
      List<Integer> pending = result.pending().stream().map(Task::index).collect(Collectors.toList());
      assertEquals(List.of(1, 3), pending, "pending in slot order");
      assertEquals(Set.of(0, 2, 4), new HashSet<>(done));
      Set<Integer> union = new HashSet<>(done);
      union.addAll(pending);
      assertEquals(Set.of(0, 1, 2, 3, 4), union);
      result.pending().forEach(t -> assertFalse(t.isDone()));
    }
  }

  @Test
  void theTimeoutReturnsWithoutThrowingOrCancelling() throws Exception {
    Gates gates = new Gates().gate(1);
    WaitResult<String> result = race(gates).workTimed(List.of(0, 1));
    assertEquals(List.of("work"), names(result.done()));
    assertEquals(1, result.pending().size());
    Task<String> pending = result.pending().get(0);
    assertTrue(gates.awaitStarted(1));
    assertFalse(gates.wasInterrupted(1));
    gates.open(1);
    assertEquals("work 1", pending.toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  @Test
  void cancelPendingInterruptsAndLeavesTheTaskCancelled() throws Exception {
    Gates gates = new Gates().gate(2);
    WaitResult<String> result = race(gates).firstCompleted();
    assertTrue(gates.awaitStarted(2));
    result.cancelPending();
    assertTrue(gates.awaitInterrupted(2));
    Task<String> second = result.pending().get(0);
    assertEquals(Task.State.CANCELLED, second.state());
    assertTrue(second.isDone());
    assertFalse(second.cancel(), "already cancelled");
    assertTrue(second.toCompletableFuture().isCancelled());
  }

  @Test
  void taskCancelReturnsTrueOnlyForTheCallThatCancels() throws Exception {
    Gates gates = new Gates().gate(2);
    WaitResult<String> result = race(gates).firstCompleted();
    Task<String> second = result.pending().get(0);
    assertTrue(second.cancel());
    assertEquals(Task.State.CANCELLED, second.state());
    assertFalse(result.done().get(0).cancel(), "a finished task cannot be cancelled");
  }

  @Test
  void aRecordOfTaskHandlesInSlotOrder() {
    Race.Both both = race(new Gates()).both();
    assertEquals("first", both.first().name());
    assertEquals(0, both.first().index());
    assertEquals("work 1", both.first().result());
    assertEquals(1, both.second().index());
    assertEquals("work 2", both.second().result());
  }

  @Test
  void futureShapesReturnAtOnce() throws Exception {
    Gates gates = new Gates().gate(1, 2);
    CompletableFuture<Race.Both> future = race(gates).bothAsync();
    assertTrue(gates.awaitStarted(1));
    assertFalse(future.isDone());
    gates.open(2);
    Race.Both both = future.get(5, TimeUnit.SECONDS);
    assertEquals(Task.State.SUCCESS, both.second().state());
    both.first().cancel();

    WaitResult<String> all =
        race(new Gates()).allAsync(List.of(1, 2, 3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(3, all.done().size());
  }

  @Test
  void cancellingTheFutureCancelsTheTasks() throws Exception {
    Gates gates = new Gates().gate(1, 2);
    CompletableFuture<Race.Both> future = race(gates).bothAsync();
    assertTrue(gates.awaitStarted(1));
    assertTrue(gates.awaitStarted(2));
    future.cancel(true);
    assertTrue(gates.awaitInterrupted(1));
    assertTrue(gates.awaitInterrupted(2));
  }

  @Test
  void maxConcurrencyKeepsLaterSlotsPending() throws Exception {
    Gates gates = new Gates().gate(0);
    Race race = race(gates);
    AtomicReference<WaitResult<String>> result = new AtomicReference<>();
    Thread waiter = new Thread(() -> result.set(race.workOneAtATime(List.of(0, 1))));
    waiter.start();
    assertTrue(gates.awaitStarted(0));
    assertFalse(gates.hasStarted(1), "slot 1 waits for a permit");
    gates.open(0);
    waiter.join(5_000);
    assertEquals(0, result.get().done().get(0).index(), "slot 0 finished first");
  }

  @Test
  void anInterruptedCallerCancelsTheTasks() throws Exception {
    Gates gates = new Gates().gate(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(() -> {
          try {
            race(gates).workInterruptibly(List.of(1));
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    caller.start();
    assertTrue(gates.awaitStarted(1));
    caller.interrupt();
    caller.join(5_000);
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertTrue(gates.awaitInterrupted(1));
  }

  @Test
  void emptyInputGivesAnEmptyResultAtOnce() {
    Executor never =
        task -> {
          throw new AssertionError("no executor");
        };
    WaitResult<String> result = new RaceCoordinator(never, new Gates()).workTimed(List.of());
    assertEquals(List.of(), result.done());
    assertEquals(List.of(), result.pending());
  }

  @Test
  void differentSlotTypesUnderAWildcard() {
    WaitResult<?> result = race(new Gates()).mixed();
    List<Object> values = new ArrayList<>();
    result.done().forEach(t -> values.add(t.result()));
    assertEquals(Set.of("work 1", 42), new HashSet<>(values));
  }

  @Test
  void aSlowTaskDoesNotHoldUpFirstCompleted() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Race race =
        race(new Race.Hooks() {
          @Override
          public String second() throws Exception {
            never.await();
            return "never";
          }
        });
    try (WaitResult<String> result = race.firstCompleted()) {
      assertEquals(List.of("first"), names(result.done()));
    }
  }
}
