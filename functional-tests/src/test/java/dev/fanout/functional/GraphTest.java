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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Task graphs, run through a generated coordinator: SPEC "Task dependencies", point by point. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GraphTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  /** Each task of {@link Graph} and the tasks whose results it takes. */
  private static final Map<String, List<String>> EDGES = Map.of(
      "user", List.of(),
      "orders", List.of("user"),
      "recs", List.of("user"),
      "score", List.of("orders", "recs"),
      "digest", List.of("orders", "recs"),
      "audit", List.of(),
      "log", List.of("audit"));

  private static final String USER = "user(u1)";
  private static final String ORDERS = "orders(user(u1))";
  private static final String RECS = "recs(user(u1))";

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Graph graph(Script script) {
    return new GraphCoordinator(POOL, script, POOL);
  }

  // ---- running -------------------------------------------------------------------------------

  @Test
  void theDiamondRunsItsTwoMiddleTasksAtOnceAndEachTaskOnce() throws Exception {
    // orders and recs each wait until both are running: run one after the other, they would fail.
    Script script = new Script().meet("orders", "recs");
    Graph.Overview overview = graph(script).overview(1);
    assertEquals(new Graph.Overview(USER, ORDERS, RECS, "score(" + ORDERS + "+" + RECS + ")"),
        overview);
    for (String task : List.of("user", "orders", "recs", "score")) {
      assertEquals(1, script.runs(task), task);
    }
    assertEquals(0, script.runs("digest") + script.runs("audit") + script.runs("log"));
  }

  @Test
  void aLimitOfOneRunsTheGraphOneTaskAtATimeInATopologicalOrder() throws Exception {
    Script script = new Script();
    List<String> results = graph(script).oneAtATime(1);
    assertEquals(List.of(USER, ORDERS, RECS, "score(" + ORDERS + "+" + RECS + ")",
        "digest(" + ORDERS + "+" + RECS + ")", "audit(a1)", "log(audit(a1))"), results);
    assertEquals(1, script.mostRunning());
    assertTopological(script.events());
  }

  /** Every task starts after each task it takes a result from has ended, and runs once. */
  private static void assertTopological(List<String> events) {
    for (Map.Entry<String, List<String>> task : EDGES.entrySet()) {
      int start = events.indexOf("start " + task.getKey());
      assertEquals(start, events.lastIndexOf("start " + task.getKey()), "runs once: " + events);
      for (String dependency : task.getValue()) {
        int end = events.indexOf("end " + dependency);
        assertTrue(end >= 0 && end < start, task.getKey() + " after " + dependency + ": "
            + events);
      }
    }
  }

  // ---- failure -------------------------------------------------------------------------------

  @Test
  void aFailureSkipsExactlyItsDependentsAndAnOutcomeParameterRunsDespiteIt() {
    IOException broken = new IOException("recs down");
    Script script = new Script().fail("recs", broken);
    List<Outcome<String>> outcomes = graph(script).settled(1);
    assertEquals(new Outcome.Success<>(USER), outcomes.get(0));
    assertEquals(new Outcome.Success<>(ORDERS), outcomes.get(1));
    assertSame(broken, ((Outcome.Failure<String>) outcomes.get(2)).exception());
    assertSkippedBy(broken, outcomes.get(3));
    assertEquals(new Outcome.Success<>("digest(" + ORDERS + "+no recs)"), outcomes.get(4));
    assertEquals(new Outcome.Success<>("log(audit(a1))"), outcomes.get(6));
    assertEquals(0, script.runs("score"));
  }

  @Test
  void alongAChainTheSkippedTasksCausesLeadToTheOriginalFailure() throws Exception {
    IOException broken = new IOException("no user");
    Script script = new Script().fail("user", broken);
    List<Outcome<String>> outcomes = graph(script).settledAsync(1).get(10, TimeUnit.SECONDS);
    assertSame(broken, ((Outcome.Failure<String>) outcomes.get(0)).exception());
    for (int slot = 1; slot <= 4; slot++) {
      Throwable cause = ((Outcome.Failure<String>) outcomes.get(slot)).exception();
      assertInstanceOf(CancellationException.class, cause, "slot " + slot);
      while (cause instanceof CancellationException) {
        cause = cause.getCause();
      }
      assertSame(broken, cause, "slot " + slot);
    }
    assertEquals(new Outcome.Success<>("log(audit(a1))"), outcomes.get(6));
    assertEquals(List.of(1, 0, 0, 0, 0, 1, 1), Stream.of("user", "orders", "recs", "score",
        "digest", "audit", "log").map(script::runs).toList());
  }

  private static void assertSkippedBy(Throwable failure, Outcome<String> outcome) {
    Throwable skipped = ((Outcome.Failure<String>) outcome).exception();
    assertInstanceOf(CancellationException.class, skipped);
    assertSame(failure, skipped.getCause());
  }

  @Test
  void aGatherThrowsTheOriginalFailureWithNothingFromTheSkippedTasks() {
    IOException broken = new IOException("no user");
    Script script = new Script().fail("user", broken);
    IOException thrown = assertThrows(IOException.class, () -> graph(script).overview(1));
    assertSame(broken, thrown);
    for (Throwable suppressed : thrown.getSuppressed()) {
      assertFalse(suppressed instanceof CancellationException, "skipped tasks add nothing");
    }
    assertEquals(0, script.runs("orders") + script.runs("recs") + script.runs("score"));
  }

  @Test
  void theFutureFormsCompleteWithTheGraphsResultOrItsFailure() throws Exception {
    Graph.Overview overview = graph(new Script()).overviewAsync(1).get(10, TimeUnit.SECONDS);
    assertEquals(ORDERS, overview.orders());
    IOException broken = new IOException("orders down");
    Script script = new Script().fail("orders", broken);
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> graph(script).overviewAsync(1).get(10, TimeUnit.SECONDS));
    assertSame(broken, failed.getCause());
    assertEquals(0, script.runs("score"));
  }

  @Test
  void withoutCancelOnFailureTheIndependentBranchRunsOnAndLaunchesItsDependent()
      throws Exception {
    IOException broken = new IOException("orders down");
    Script script = new Script().fail("orders", broken).gate("audit");
    assertSame(broken, assertThrows(IOException.class, () -> graph(script).runOn(1)));
    assertTrue(script.awaitStarted("audit"));
    script.open("audit");
    assertTrue(script.awaitEnded("log"), "log runs after audit, after the gather has thrown");
    assertFalse(script.hasStarted("score"));
    assertEquals(1, script.runs("log"));
  }

  // ---- timeouts and interrupts ---------------------------------------------------------------

  @Test
  void aTimeoutCancelsTheGraphMidwayWithNothingLeftRunning() throws Exception {
    Script script = new Script().gate("orders");
    assertThrows(TimeoutException.class, () -> graph(script).within(1, Duration.ofSeconds(1)));
    assertTrue(script.awaitInterrupted("orders"), "orders, running at the deadline, is cancelled");
    assertTrue(script.awaitEnded("orders"));
    assertEquals(0, script.running(), "nothing left running");
    assertFalse(script.hasStarted("score"), "score, waiting for orders, never starts");
  }

  @Test
  void anInterruptCancelsTheGraphMidwayWithNothingLeftRunning() throws Exception {
    Script script = new Script().gate("orders");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        graph(script).within(1, null);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    caller.start();
    assertTrue(script.awaitStarted("orders"));
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertTrue(script.awaitInterrupted("orders"));
    assertTrue(script.awaitEnded("orders"));
    assertEquals(0, script.running(), "nothing left running");
    assertFalse(script.hasStarted("score"));
  }

  // ---- @Wait and @AsCompleted ----------------------------------------------------------------

  @Test
  void firstCompletedCountsOnlyFinishedTasksAndWaitingDependentsArePending() throws Exception {
    Script script = new Script().gate("user", "orders", "recs");
    CompletableFuture<WaitResult<String>> future = graph(script).firstDone(1);
    assertTrue(script.awaitStarted("user"));
    assertFalse(future.isDone(), "no task has finished: orders, recs and score only wait");
    script.open("user");
    try (WaitResult<String> result = future.get(10, TimeUnit.SECONDS)) {
      assertEquals(List.of("user"), result.done().stream().map(Task::name).toList());
      assertEquals(List.of("orders", "recs", "score"),
          result.pending().stream().map(Task::name).toList());
      assertTrue(script.awaitStarted("orders"));
    }
    assertTrue(script.awaitInterrupted("orders"), "close() cancels the pending tasks");
    script.open("recs");
    assertTrue(script.awaitEnded("recs"));
    assertFalse(script.hasStarted("score"));
  }

  @Test
  void aWaitThatTimesOutLeavesItsWaitingDependentsPendingAndRunning() throws Exception {
    Script script = new Script().gate("user");
    Graph.Handles handles = graph(script).handles(1, Duration.ZERO);
    for (Task<String> task : List.of(handles.user(), handles.orders(), handles.recs(),
        handles.score())) {
      assertEquals(Task.State.RUNNING, task.state(), task.name());
    }
    script.open("user");
    assertEquals("score(" + ORDERS + "+" + RECS + ")",
        handles.score().toCompletableFuture().get(10, TimeUnit.SECONDS));
  }

  @Test
  void cancellingAWaitingDependentNeverStartsItAndSkipsItsOwnDependents() throws Exception {
    Script script = new Script().gate("user");
    Graph.Handles handles = graph(script).handles(1, Duration.ZERO);
    assertTrue(handles.orders().cancel());
    assertEquals(Task.State.CANCELLED, handles.orders().state());
    script.open("user");
    assertEquals(RECS, handles.recs().toCompletableFuture().get(10, TimeUnit.SECONDS));
    CompletableFuture<String> score = handles.score().toCompletableFuture();
    assertThrows(CancellationException.class, () -> score.get(10, TimeUnit.SECONDS));
    assertEquals(Task.State.CANCELLED, handles.score().state());
    assertInstanceOf(CancellationException.class,
        ((Outcome.Failure<String>) handles.score().outcome()).exception().getCause(),
        "score is skipped by the cancelled orders");
    assertEquals(0, script.runs("orders") + script.runs("score"));
  }

  @Test
  void asCompletedShowsTheSkippedDependentsRightAfterTheFailure() throws Exception {
    IOException broken = new IOException("orders down");
    Script script = new Script().fail("orders", broken).gate("recs", "audit");
    try (Stream<Task<String>> stream = graph(script).asReady(1)) {
      Iterator<Task<String>> tasks = stream.iterator();
      assertEquals("user", tasks.next().name());
      Task<String> orders = tasks.next();
      assertEquals("orders", orders.name());
      assertSame(broken, orders.exception());
      for (String skipped : List.of("score", "digest")) {
        Task<String> task = tasks.next();
        assertEquals(skipped, task.name());
        assertEquals(Task.State.CANCELLED, task.state());
        assertSkippedBy(broken, task.outcome());
      }
      script.open("recs");
      assertEquals("recs", tasks.next().name());
      script.open("audit");
      assertEquals("audit", tasks.next().name());
      assertFalse(tasks.hasNext());
    }
    assertEquals(0, script.runs("score") + script.runs("digest"));
  }
}
