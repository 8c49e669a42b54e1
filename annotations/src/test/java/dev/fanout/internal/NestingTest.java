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
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.TaskFailedException;
import dev.fanout.WaitResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls made inside tasks: one deadline, cancelled with their parent; markers; listeners. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // a registration is held open for its block, never read in it
class NestingTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final long WAIT = 10;

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Site site(String name) {
    return Site.named(name);
  }

  @Test
  void threeLevelsShareTheOutermostBudgetAndNothingIsLeftRunning() throws Exception {
    Hang innermostTask = new Hang();
    AtomicReference<Throwable> innermostThrew = new AtomicReference<>();
    AtomicReference<Duration> innermostRemaining = new AtomicReference<>();
    long start = System.nanoTime();

    FanOutCall<String> outer =
        new FanOutCall<>(POOL, site("Outer.gather"), Duration.ofMillis(300));
    outer.submit("middle", () -> {
      FanOutCall<String> middle =
          new FanOutCall<>(POOL, site("Middle.stream"), Duration.ofSeconds(20));
      middle.submit("inner", () -> {
        FanOutCall<String> inner =
            new FanOutCall<>(POOL, site("Inner.gather"), Duration.ofSeconds(20));
        inner.submit("hang", innermostTask);
        innermostRemaining.set(FanOut.current().orElseThrow().remaining().orElseThrow());
        try {
          return String.join(",", inner.gatherList());
        } catch (Throwable t) {
          innermostThrew.set(t);
          throw t;
        }
      });
      try (Stream<String> results = middle.asCompleted()) {
        return String.join(",", results.toList());
      }
    });
    assertThrows(FanOutTimeoutException.class, outer::gatherList);

    assertTrue(innermostTask.awaitInterrupted(), "the innermost task is cancelled");
    assertTrue(innermostRemaining.get().compareTo(Duration.ofMillis(300)) <= 0,
        "the middle call inherited the outer budget: " + innermostRemaining.get());
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsed < 15_000, "it ended at the outer budget, not at 20 s: " + elapsed + " ms");
    waitUntil(() -> innermostThrew.get() != null);
    assertTrue(innermostThrew.get() instanceof FanOutTimeoutException
            || innermostThrew.get() instanceof CancellationException,
        innermostThrew.get().toString());
    waitUntil(() -> FanOut.inFlight().calls().stream()
        .noneMatch(c -> List.of("Outer.gather", "Middle.stream", "Inner.gather").contains(c.site())));
  }

  @Test
  void aChildsDeadlineIsTheEarlierOfItsOwnAndItsParents() throws Exception {
    AtomicReference<Duration> own = new AtomicReference<>();
    AtomicReference<Duration> inherited = new AtomicReference<>();
    FanOutCall<String> parent = new FanOutCall<>(POOL, site("P.p"), Duration.ofSeconds(10));
    parent.submit("task", () -> {
      FanOutCall<String> shorter = new FanOutCall<>(POOL, site("C.shorter"), Duration.ofSeconds(1));
      shorter.submit("probe", () -> {
        own.set(FanOut.current().orElseThrow().remaining().orElseThrow());
        return "x";
      });
      shorter.gatherList();
      FanOutCall<String> longer = new FanOutCall<>(POOL, site("C.longer"), Duration.ofSeconds(60));
      longer.submit("probe", () -> {
        FanOut.Call call = FanOut.current().orElseThrow();
        assertEquals("P.p", call.parent().orElseThrow().site());
        inherited.set(call.remaining().orElseThrow());
        return "y";
      });
      return String.join(",", longer.gatherList());
    });
    assertEquals(List.of("y"), parent.gatherList());
    assertTrue(own.get().compareTo(Duration.ofSeconds(1)) <= 0, own.get().toString());
    assertTrue(inherited.get().compareTo(Duration.ofSeconds(10)) <= 0, inherited.get().toString());
    assertTrue(inherited.get().compareTo(Duration.ofSeconds(1)) > 0, inherited.get().toString());
  }

  @Test
  void anAsyncChildLeftRunningByAFinishedTaskIsCancelledWhenItsParentEnds() throws Exception {
    Hang hang = new Hang();
    AtomicReference<CompletableFuture<List<String>>> child = new AtomicReference<>();
    FanOutCall<String> parent = new FanOutCall<>(POOL, site("P.async"));
    parent.submit("fireAndForget", () -> {
      FanOutCall<String> c = new FanOutCall<>(POOL, site("C.async"));
      c.submit("hang", hang);
      child.set(c.gatherListAsync());
      return "returned at once";
    });
    assertEquals(List.of("returned at once"), parent.gatherList());
    assertTrue(hang.interruptedIfStarted(), "the child's task was left running");
    assertTrue(child.get().isCancelled() || child.get().isCompletedExceptionally());
  }

  @Test
  void aChildOfAStageTaskIsCancelledWithItWhereNoThreadIsInterrupted() throws Exception {
    Hang hang = new Hang();
    FanOutCall<String> parent = new FanOutCall<>(POOL, site("P.stage"), Duration.ofMillis(200));
    parent.submitStage("stage", () -> {
      FanOutCall<String> c = new FanOutCall<>(POOL, site("C.stage"));
      c.submit("hang", hang);
      return c.gatherListAsync().thenApply(list -> String.join(",", list));
    });
    assertThrows(FanOutTimeoutException.class, parent::gatherList);
    assertTrue(hang.interruptedIfStarted());
  }

  @Test
  void aWaitsPendingTaskKeepsItsChildrenUntilItIsCancelled() throws Exception {
    Hang grandchild = new Hang();
    CountDownLatch childRunning = new CountDownLatch(1);
    FanOutCall<String> parent =
        new FanOutCall<>(POOL, site("P.wait").returnWhen(ReturnWhen.FIRST_COMPLETED));
    parent.submit("quick", () -> "quick");
    parent.submit("pending", () -> {
      FanOutCall<String> c = new FanOutCall<>(POOL, site("C.blocking"));
      c.submit("hang", grandchild);
      childRunning.countDown();
      return String.join(",", c.gatherList());
    });
    WaitResult<String> result = parent.waitFor();
    assertTrue(childRunning.await(WAIT, TimeUnit.SECONDS));
    assertTrue(grandchild.awaitStarted());
    assertFalse(grandchild.interruptedWithin(100), "pending: its child runs on");
    result.close();
    assertTrue(grandchild.awaitInterrupted());
  }

  // ---- failures show their caller --------------------------------------------------------------

  @Test
  void aRethrownFailureCarriesAMarkerWithTheCallersStack() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    FanOutCall<String> call = new FanOutCall<>(POOL, site("Dashboard.overview"));
    call.submit("task", () -> {
      throw boom;
    });
    IllegalStateException thrown = assertThrows(IllegalStateException.class, call::gatherList);
    assertSame(boom, thrown);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    thrown.printStackTrace(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String trace = printed.toString(StandardCharsets.UTF_8);
    assertTrue(trace.contains("rethrown to the caller of Dashboard.overview"), trace);
    assertTrue(trace.contains("aRethrownFailureCarriesAMarkerWithTheCallersStack"), trace);
  }

  @Test
  void anUndeclaredCheckedFailureGetsItsMarkerOnTheWrapper() {
    IOException io = new IOException("disk");
    FanOutCall<String> call = new FanOutCall<>(POOL, site("Repo.read"));
    call.submit("read", () -> {
      throw io;
    });
    TaskFailedException thrown = assertThrows(TaskFailedException.class, call::gatherList);
    assertTrue(Rethrown.carries(thrown));
    assertFalse(Rethrown.carries(io), "the task's own exception is left as it was");
  }

  @Test
  void aSharedExceptionInstanceDoesNotGrowAcrossCalls() {
    IllegalStateException shared = new IllegalStateException("always the same");
    int afterFirst = -1;
    for (int i = 0; i < 100; i++) {
      FanOutCall<String> call = new FanOutCall<>(Runnable::run, site("S.shared").cancelOnFailure(false));
      call.submit("a", () -> {
        throw shared;
      });
      call.submit("b", () -> {
        throw new IllegalArgumentException("fresh");
      });
      assertSame(shared, assertThrows(IllegalStateException.class, call::gatherList));
      if (afterFirst < 0) {
        afterFirst = shared.getSuppressed().length;
      }
    }
    assertEquals(afterFirst, shared.getSuppressed().length);
    assertTrue(afterFirst <= 2, "one failure and one marker at most: " + afterFirst);
  }

  @Test
  void throughNestingTheInnermostCallsMarkerIsTheOne() {
    IllegalStateException boom = new IllegalStateException("deep");
    FanOutCall<String> outer = new FanOutCall<>(POOL, site("Outer.call"));
    outer.submit("middle", () -> {
      FanOutCall<String> inner = new FanOutCall<>(POOL, site("Inner.call"));
      inner.submit("task", () -> {
        throw boom;
      });
      return String.join(",", inner.gatherList());
    });
    assertSame(boom, assertThrows(IllegalStateException.class, outer::gatherList));
    List<String> markers = java.util.Arrays.stream(boom.getSuppressed())
        .filter(t -> t instanceof Rethrown).map(Throwable::getMessage).toList();
    assertEquals(List.of("rethrown to the caller of Inner.call"), markers);
  }

  // ---- listeners and the in-flight view ------------------------------------------------------

  @Test
  void listenersSeeEveryEventInOrderAndOneThatThrowsChangesNothing() {
    List<String> events = new CopyOnWriteArrayList<>();
    FanOutListener recorder = new FanOutListener() {
      @Override
      public void callStarted(FanOut.Call call) {
        events.add("callStarted " + call.site());
      }

      @Override
      public void taskStarted(FanOut.Call call, Task<?> task) {
        events.add("taskStarted " + task.name());
      }

      @Override
      public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
        events.add("taskFinished " + task.name() + " " + task.state() + (nanos > 0 ? "" : " 0"));
      }

      @Override
      public void callEnded(FanOut.Call call, FanOut.Ending ending, long nanos) {
        events.add("callEnded " + ending);
      }
    };
    FanOutListener broken = new FanOutListener() {
      @Override
      public void taskStarted(FanOut.Call call, Task<?> task) {
        throw new IllegalStateException("a broken listener");
      }
    };
    try (FanOut.Registration a = FanOut.register(broken);
        FanOut.Registration b = FanOut.register(recorder)) {
      FanOutCall<String> call = new FanOutCall<>(Runnable::run, site("L.call").maxConcurrency(1));
      call.submit("one", () -> "1");
      call.submit("two", () -> "2");
      assertEquals(List.of("1", "2"), call.gatherList());
    }
    assertEquals(List.of("callStarted L.call", "taskStarted one", "taskFinished one SUCCESS",
        "taskStarted two", "taskFinished two SUCCESS", "callEnded COMPLETED"), events);
  }

  @Test
  void theInFlightViewShowsRunningCallsWithTheirTasksAndChildren() throws Exception {
    Hang hang = new Hang();
    CountDownLatch childStarted = new CountDownLatch(1);
    FanOutCall<String> parent = new FanOutCall<>(POOL, site("Dashboard.overview"));
    dev.fanout.Task<String> user = parent.submit("user", () -> "ann");
    parent.submit("orders", () -> {
      FanOutCall<String> child = new FanOutCall<>(POOL, site("Orders.byUser"));
      child.submit("page", () -> {
        childStarted.countDown();
        return hang.call();
      });
      return String.join(",", child.gatherList());
    });
    CompletableFuture<List<String>> running = parent.gatherListAsync();
    assertTrue(childStarted.await(WAIT, TimeUnit.SECONDS));
    waitUntil(user::isDone);
    String tree = FanOut.inFlight().toString();
    assertTrue(tree.contains("Dashboard.overview"), tree);
    assertTrue(tree.matches("(?s).*\n  user +SUCCESS.*"), tree);
    assertTrue(tree.matches("(?s).*\n  orders +RUNNING.*\n    Orders.byUser .*\n      page +RUNNING.*"),
        tree);
    running.cancel(true);
    assertTrue(hang.awaitInterrupted());
    waitUntil(() -> !FanOut.inFlight().toString().contains("Dashboard.overview"));
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, "timed out waiting");
      Thread.sleep(5);
    }
  }

  @Test
  void aChildCancelledByItsParentThrowsCancellationToItsCaller() throws Exception {
    Hang hang = new Hang();
    AtomicReference<Throwable> childThrew = new AtomicReference<>();
    CountDownLatch failNow = new CountDownLatch(1);
    FanOutCall<String> parent = new FanOutCall<>(POOL, site("P.fails"));
    parent.submitStage("stage", () -> {
      FanOutCall<String> c = new FanOutCall<>(POOL, site("C.async"));
      c.submit("hang", hang);
      CompletableFuture<List<String>> f = c.gatherListAsync();
      f.whenComplete((v, e) -> childThrew.set(e));
      failNow.countDown();
      return new CompletableFuture<String>();
    });
    parent.submit("fails", () -> {
      failNow.await();
      hang.blockUntilStarted();
      throw new IllegalStateException("sibling failed");
    });
    assertThrows(IllegalStateException.class, parent::gatherList);
    assertTrue(hang.awaitInterrupted());
    waitUntil(() -> childThrew.get() != null);
    assertInstanceOf(CancellationException.class, childThrew.get());
  }
}
