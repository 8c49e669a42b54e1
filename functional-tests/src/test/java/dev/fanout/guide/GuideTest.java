package dev.fanout.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs every snippet of docs/GUIDE.md: the owner's shapes and the calls the guide shows. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GuideTest {
  // snippet:executor
  // A bounded pool: at most 8 tasks of all calls run at once. The coordinator never shuts it
  // down; its owner does.
  static final ExecutorService POOL = Executors.newFixedThreadPool(8);
  static final Travel TRAVEL = new TravelCoordinator(POOL);
  // end:executor

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  @Test
  void gatherAGraph() {
    // snippet:call-graph
    Travel.Plan plan = TRAVEL.plan("Oslo"); // flight, hotel and weather at once, then the rest
    System.out.println(plan.advice()); // 184 in total, sunny in Oslo
    // end:call-graph
    assertEquals(new Travel.Budget(184), plan.budget());
    assertEquals("184 in total, sunny in Oslo", plan.advice());
  }

  @Test
  void gatherARecord() {
    // snippet:call-gather-record
    Travel.Trip trip = TRAVEL.trip("Oslo"); // the three tasks run at once
    System.out.println(trip.flight().price() + trip.hotel().price() + ", " + trip.weather());
    // end:call-gather-record
    assertEquals(new Travel.Trip(new Travel.Flight("Oslo", 104), new Travel.Hotel("Oslo", 80),
        "sunny in Oslo"), trip);
  }

  @Test
  void gatherAList() throws IOException {
    List<Integer> prices = TRAVEL.quotes(List.of("a", "bbb", "cc"));
    assertEquals(List.of(1, 3, 2), prices, "slot order, whatever order they finished in");
    IOException down = assertThrows(IOException.class,
        () -> TRAVEL.quotes(List.of("a", "down-1")));
    assertEquals("down-1 is down", down.getMessage());
  }

  @Test
  void gatherSettled() {
    // snippet:call-gather-settled
    for (Outcome<Integer> outcome : TRAVEL.quotesSettled(List.of("a", "down-1", "ccc"))) {
      if (outcome instanceof Outcome.Success<Integer> success) {
        System.out.println("price " + success.value());
      } else if (outcome instanceof Outcome.Failure<Integer> failure) {
        System.out.println("failed: " + failure.exception().getMessage());
      }
    }
    // end:call-gather-settled
    List<Outcome<Integer>> outcomes = TRAVEL.quotesSettled(List.of("a", "down-1", "ccc"));
    assertEquals(new Outcome.Success<>(1), outcomes.get(0));
    assertInstanceOf(IOException.class, ((Outcome.Failure<Integer>) outcomes.get(1)).exception());
    assertEquals(new Outcome.Success<>(3), outcomes.get(2));
  }

  @Test
  void gatherVoid() {
    TRAVEL.warmUp("Oslo");
  }

  @Test
  void gatherAFuture() throws Exception {
    // snippet:call-gather-future
    CompletableFuture<Travel.Trip> trip = TRAVEL.tripAsync("Rome");
    trip.thenAccept(t -> System.out.println(t.hotel())); // or cancel(true): cancels the tasks
    // end:call-gather-future
    assertEquals("sunny in Rome", trip.get(10, TimeUnit.SECONDS).weather());
  }

  @Test
  void gatherWithLimitsAndTimeouts() throws Exception {
    assertEquals(List.of(1, 2, 3), TRAVEL.quotesLimited(List.of("a", "bb", "ccc")));
    assertEquals(List.of(1, 2), TRAVEL.quotesWithin(List.of("a", "bb"), Duration.ofSeconds(5)));
    assertEquals(List.of(1, 2), TRAVEL.quotesWithin(List.of("a", "bb"), null));
  }

  @Test
  void gatherRunOn() {
    assertThrows(IOException.class, () -> TRAVEL.quotesRunOn(List.of("down-1", "a")));
  }

  @Test
  void waitForTheFirst() {
    // snippet:call-wait
    try (WaitResult<Integer> first = TRAVEL.firstQuote(List.of("a", "bb", "ccc"))) {
      for (Task<Integer> task : first.done()) {
        System.out.println(task.name() + " #" + task.index() + ": " + task.state());
      }
    } // close() cancels the tasks still pending
    // end:call-wait
    try (WaitResult<Integer> first = TRAVEL.firstQuote(List.of("a", "bb", "ccc"))) {
      assertTrue(first.done().size() >= 1);
      assertEquals(3, first.done().size() + first.pending().size());
    }
  }

  @Test
  void waitWithTypedHandles() {
    // snippet:call-wait-record
    Travel.Lookups lookups = TRAVEL.lookups("Oslo");
    if (lookups.flight().state() == Task.State.SUCCESS) {
      System.out.println(lookups.flight().result());
    }
    lookups.hotel().cancel(); // a no-op if it has finished
    // end:call-wait-record
    assertEquals(new Travel.Flight("Oslo", 104), lookups.flight().result());
  }

  @Test
  void asCompleted() {
    // snippet:call-as-completed
    try (Stream<Integer> prices = TRAVEL.quotesAsReady(List.of("a", "bb", "ccc"))) {
      prices.forEach(price -> System.out.println("next price: " + price));
    }
    int cheapestFirstSeen = TRAVEL.quotesAsReady(List.of("a", "bb")).findFirst().orElseThrow();
    // findFirst() closed the stream, which cancelled the other task
    // end:call-as-completed
    assertTrue(Set.of(1, 2).contains(cheapestFirstSeen));
    assertEquals(Set.of(1, 2, 3),
        TRAVEL.quotesAsReady(List.of("a", "bb", "ccc")).collect(Collectors.toSet()));
    List<Task.State> states = new ArrayList<>();
    TRAVEL.quoteTasks(List.of("a", "down-1")).forEach(task -> states.add(task.state()));
    assertEquals(Set.of(Task.State.SUCCESS, Task.State.FAILED), Set.copyOf(states));
  }
}
