package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.ContextPropagator;
import dev.fanout.FanOut;
import dev.fanout.Outcome;
import dev.fanout.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Context propagation: captured once on the caller's thread, restored around every task. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // a registration is held open for its block, never read in it
class ContextTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site() {
    return Site.named("Test.context");
  }

  /** Carries TENANT; records what it did, and can be told to fail. */
  private static final class TenantPropagator implements ContextPropagator {
    final List<String> log;
    final String name;
    volatile boolean failCapture;
    volatile boolean failRestore;
    volatile boolean failClose;

    TenantPropagator(String name) {
      this(name, new CopyOnWriteArrayList<>());
    }

    TenantPropagator(String name, List<String> log) {
      this.name = name;
      this.log = log;
    }

    @Override
    public Object capture() {
      log.add(name + " capture on " + Thread.currentThread().getName());
      if (failCapture) {
        throw new IllegalStateException(name + " cannot capture");
      }
      return TENANT.get();
    }

    @Override
    public Scope restore(Object captured) {
      if (failRestore) {
        throw new IllegalStateException(name + " cannot restore");
      }
      String before = TENANT.get();
      TENANT.set((String) captured);
      log.add(name + " restore");
      return () -> {
        log.add(name + " close");
        TENANT.set(before);
        if (failClose) {
          throw new IllegalStateException(name + " cannot close");
        }
      };
    }
  }

  @Test
  void everyTaskSeesTheCallersContextEvenWhenLaunchedFromAnotherTasksThread() throws Exception {
    TenantPropagator propagator = new TenantPropagator("tenant");
    try (FanOut.Registration r = FanOut.register(propagator)) {
      TENANT.set("acme");
      FanOutCall<String> call = new FanOutCall<>(POOL, site().maxConcurrency(1));
      for (int i = 0; i < 6; i++) {
        call.submit("sync", TENANT::get);
        call.submitStage("stage", () -> CompletableFuture.completedFuture(TENANT.get()));
      }
      List<String> seen = call.gatherList();
      assertEquals(List.of("acme"), seen.stream().distinct().toList());
      assertEquals(1, propagator.log.stream().filter(l -> l.contains("capture")).count());
      assertTrue(propagator.log.get(0).endsWith("on " + Thread.currentThread().getName()));
    } finally {
      TENANT.remove();
    }
    // No context is left on the pool's threads.
    assertNull(POOL.submit(TENANT::get).get(10, TimeUnit.SECONDS));
    assertNull(POOL.submit(TENANT::get).get(10, TimeUnit.SECONDS));
  }

  @Test
  void severalPropagatorsRestoreInRegistrationOrderAndCloseInReverse() {
    List<String> log = new CopyOnWriteArrayList<>();
    TenantPropagator first = new TenantPropagator("first", log);
    TenantPropagator second = new TenantPropagator("second", log);
    try (FanOut.Registration a = FanOut.register(first);
        FanOut.Registration b = FanOut.register(second)) {
      FanOutCall<String> call = new FanOutCall<>(Runnable::run, site());
      call.submit("task", () -> "x");
      call.gatherList();
    }
    String on = " on " + Thread.currentThread().getName();
    assertEquals(List.of("first capture" + on, "second capture" + on, "first restore",
        "second restore", "second close", "first close"), log);
  }

  @Test
  void aCaptureThatThrowsFailsTheCallBeforeAnyTaskStarts() {
    TenantPropagator propagator = new TenantPropagator("broken");
    propagator.failCapture = true;
    List<String> ran = new CopyOnWriteArrayList<>();
    try (FanOut.Registration r = FanOut.register(propagator)) {
      FanOutCall<String> blocking = new FanOutCall<>(POOL, site());
      blocking.submit("task", () -> record(ran));
      assertThrows(IllegalStateException.class, blocking::gatherList);

      FanOutCall<String> async = new FanOutCall<>(POOL, site());
      async.submit("task", () -> record(ran));
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> async.gatherListAsync().get());
      assertInstanceOf(IllegalStateException.class, failed.getCause());

      FanOutCall<String> stream = new FanOutCall<>(POOL, site());
      stream.submit("task", () -> record(ran));
      assertThrows(IllegalStateException.class, stream::asCompleted);
    }
    assertEquals(List.of(), ran);
  }

  private static String record(List<String> ran) {
    ran.add("ran");
    return "ran";
  }

  @Test
  void aRestoreThatThrowsFailsThatTaskWithoutRunningIt() {
    TenantPropagator propagator = new TenantPropagator("broken");
    List<String> ran = new CopyOnWriteArrayList<>();
    try (FanOut.Registration r = FanOut.register(propagator)) {
      FanOutCall<String> call = new FanOutCall<>(POOL, site());
      call.submit("task", () -> record(ran));
      propagator.failRestore = true;
      List<Outcome<String>> outcomes = call.settleList();
      assertInstanceOf(Outcome.Failure.class, outcomes.get(0));
      assertEquals("broken cannot restore",
          ((Outcome.Failure<String>) outcomes.get(0)).exception().getMessage());
    }
    assertEquals(List.of(), ran);
  }

  @Test
  void aScopeThatCannotCloseFailsThatTaskAndLeavesNothingBehind() throws Exception {
    TenantPropagator propagator = new TenantPropagator("leaky");
    propagator.failClose = true;
    try (FanOut.Registration r = FanOut.register(propagator)) {
      TENANT.set("acme");
      FanOutCall<String> call = new FanOutCall<>(POOL, site());
      call.submit("task", TENANT::get);
      IllegalStateException thrown = assertThrows(IllegalStateException.class, call::gatherList);
      assertEquals("leaky cannot close", thrown.getMessage());
    } finally {
      TENANT.remove();
    }
    assertNull(POOL.submit(TENANT::get).get(10, TimeUnit.SECONDS));
  }

  @Test
  void aClosedRegistrationNoLongerPropagates() {
    TenantPropagator propagator = new TenantPropagator("gone");
    FanOut.register(propagator).close();
    FanOutCall<String> call = new FanOutCall<>(Runnable::run, site());
    call.submit("task", () -> "x");
    call.gatherList();
    assertEquals(List.of(), propagator.log);
  }

  @Test
  void currentTellsATaskItsCallAndIsEmptyElsewhere() throws Exception {
    assertFalse(FanOut.current().isPresent());
    List<FanOut.Call> seen = new ArrayList<>();
    FanOutCall<String> call =
        new FanOutCall<>(POOL, site(), java.time.Duration.ofSeconds(30), 2);
    call.submit("sync", () -> {
      FanOut.Call current = FanOut.current().orElseThrow();
      synchronized (seen) {
        seen.add(current);
      }
      return current.site();
    });
    call.submitStage("stage", () -> {
      FanOut.Call current = FanOut.current().orElseThrow();
      synchronized (seen) {
        seen.add(current);
      }
      return CompletableFuture.completedFuture(current.site());
    });
    assertEquals(List.of("Test.context", "Test.context"), call.gatherList());
    assertEquals(2, seen.size());
    for (FanOut.Call c : seen) {
      assertSame(call, c);
      assertEquals(2, c.size());
      assertFalse(c.parent().isPresent());
      assertTrue(c.remaining().orElseThrow().toSeconds() <= 30);
    }
    assertFalse(FanOut.current().isPresent(), "nothing left on the caller's thread");
    assertNull(POOL.submit(() -> FanOut.current().orElse(null)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void aTaskStreamSeesNoContextOnTheConsumersThread() {
    TenantPropagator propagator = new TenantPropagator("tenant");
    try (FanOut.Registration r = FanOut.register(propagator)) {
      TENANT.set("acme");
      FanOutCall<String> call = new FanOutCall<>(POOL, site());
      call.submit("task", TENANT::get);
      try (Stream<Task<String>> tasks = call.asCompletedTasks()) {
        assertEquals(List.of("acme"), tasks.map(Task::result).toList());
      }
    } finally {
      TENANT.remove();
    }
  }
}
