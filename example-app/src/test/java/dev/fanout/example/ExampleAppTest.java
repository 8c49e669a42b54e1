package dev.fanout.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExampleAppTest {
  private final SeedDemo seed = new SeedDemoCoordinator();
  private final Naps naps = new NapsCoordinator();

  @Test
  void gatherReturnsResultsInInputOrder() {
    assertEquals(
        List.of("work is done for 3", "work is done for 0", "work is done for 4"),
        seed.gatherAll(List.of(3, 0, 4)));
    // The longest nap comes first and finishes last; its result still comes first.
    assertEquals(
        List.of("slept 400 ms", "slept 0 ms", "slept 200 ms"), naps.napAll(List.of(400, 0, 200)));
  }

  /** A test-only owner whose tasks can only finish if they all run at the same time. */
  abstract static class Rendezvous {
    final CyclicBarrier barrier;

    Rendezvous(int parties) {
      barrier = new CyclicBarrier(parties);
    }

    @Async
    int arrive(int who) throws Exception {
      barrier.await(10, TimeUnit.SECONDS); // times out unless every party is running at once
      return who;
    }

    @Gather("arrive")
    abstract List<Integer> all(List<Integer> parties);
  }

  @Test
  void gatherRunsItsTasksAtTheSameTime() {
    Rendezvous rendezvous = new ExampleAppTest_RendezvousCoordinator(3);
    assertEquals(List.of(1, 2, 3), rendezvous.all(List.of(1, 2, 3)));
  }

  @Test
  void gatherTakesAboutTheLongestTaskNotTheSum() {
    long start = System.nanoTime();
    naps.napAll(List.of(300, 100, 200));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis >= 300, "took " + millis + " ms, less than its longest task");
    assertTrue(millis < 550, "took " + millis + " ms, close to the 600 ms sum of its tasks");
  }

  @Test
  void firstCompletedReturnsWithOneDoneAndOnePending() {
    Task<String> test2;
    try (WaitResult<String> result = seed.firstCompleted()) {
      assertEquals(1, result.done().size(), result::toString);
      Task<String> test = result.done().get(0);
      assertEquals("test", test.name());
      assertEquals(Task.State.FAILED, test.state());
      assertInstanceOf(IllegalStateException.class, test.exception());
      assertEquals("name 'x' is not defined", test.exception().getMessage());

      assertEquals(1, result.pending().size(), result::toString);
      test2 = result.pending().get(0);
      assertEquals("test2", test2.name());
      assertEquals(1, test2.index());
      assertEquals(Task.State.RUNNING, test2.state());
    }
    assertEquals(Task.State.CANCELLED, test2.state(), "close() cancels what is pending");
  }

  @Test
  void waitAllCompletedHasEveryTaskDone() {
    try (WaitResult<String> result = seed.waitAll(List.of(0, 1, 2, 3, 4))) {
      assertEquals(List.of(), result.pending());
      assertEquals(
          List.of(0, 1, 2, 3, 4),
          result.done().stream().map(Task::index).sorted().collect(Collectors.toList()));
      for (Task<String> task : result.done()) {
        assertEquals(Task.State.SUCCESS, task.state());
        assertEquals("work is done for " + task.index(), task.result());
      }
    }
  }

  @Test
  void asCompletedYieldsInCompletionOrder() {
    // Gaps of 600 ms between the finishing times: the order cannot depend on scheduling noise.
    try (Stream<String> results = naps.napsAsCompleted(List.of(1200, 0, 600))) {
      assertEquals(
          List.of("slept 0 ms", "slept 600 ms", "slept 1200 ms"),
          results.collect(Collectors.toList()));
    }
  }

  @Test
  void typedGatherFillsTheRecordInSlotOrder() {
    Shop shop = new ShopCoordinator();
    assertEquals(
        new Shop.Overview("user-7", List.of("order-7-a", "order-7-b")), shop.overview(7));
  }

  @Test
  void theTimelineShowsTheNapsOverlapping() {
    dev.fanout.Timeline timeline = new dev.fanout.Timeline();
    dev.fanout.FanOut.Registration registration = dev.fanout.FanOut.register(timeline);
    try {
      new NapsCoordinator().napAll(List.of(300, 100, 200));
    } finally {
      registration.close();
    }
    List<String> rows = timeline.render("Naps.napAll").orElseThrow().lines().toList();
    assertEquals(4, rows.size(), String.join("\n", rows));
    // Each bar starts near the left edge (a column is a thirtieth of the call): the three naps
    // began together, and none waited for another.
    for (String row : rows.subList(1, 4)) {
      assertTrue(row.matches("  nap  [█░]{30} .*SUCCESS"), row);
      assertTrue(row.indexOf('█') - "  nap  ".length() <= 5, row);
    }
  }

  @Test
  void theServiceGraphGivesTheSequentialResultInAboutItsLongestPath() throws Exception {
    Services services = new ServicesCoordinator();
    Services.Overview sequential = services.overviewSequentially(7);
    long start = System.nanoTime();
    Services.Overview graph = services.overview(7);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(sequential, graph);
    assertEquals(21, graph.score());
    int longestPath = Services.USER_MILLIS + Services.RECS_MILLIS + Services.SCORE_MILLIS;
    int sum = longestPath + Services.ORDERS_MILLIS;
    assertTrue(millis >= longestPath, "took " + millis + " ms, less than its longest path");
    // That it is less than the sum shows in the timeline, without racing a clock: orders and
    // recs, both ready when user ends, run at the same time.
    dev.fanout.Timeline timeline = new dev.fanout.Timeline();
    dev.fanout.FanOut.Registration registration = dev.fanout.FanOut.register(timeline);
    try {
      services.overview(7);
    } finally {
      registration.close();
    }
    List<String> rows = timeline.render("Services.overview").orElseThrow().lines().toList();
    String orders = bar(rows, "orders");
    String recs = bar(rows, "recs");
    boolean overlap = false;
    for (int i = 0; i < orders.length(); i++) {
      overlap |= orders.charAt(i) == '█' && recs.charAt(i) == '█';
    }
    assertTrue(overlap, "orders and recs ran one after the other (sum " + sum + " ms):\n"
        + String.join("\n", rows));
  }

  /** The 30-column bar of {@code task}'s row in a rendered timeline. */
  private static String bar(List<String> rows, String task) {
    String row = rows.stream().filter(r -> r.startsWith("  " + task + " ")).findFirst().orElseThrow();
    int from = row.indexOf(row.chars().filter(c -> c == '█' || c == '░')
        .mapToObj(c -> String.valueOf((char) c)).findFirst().orElseThrow());
    return row.substring(from, from + 30);
  }
}
