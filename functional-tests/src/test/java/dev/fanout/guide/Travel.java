package dev.fanout.guide;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The owner behind docs/GUIDE.md: every fan-out shape, in a trip planner. The regions between
 * {@code snippet:NAME} and {@code end:NAME} are quoted in the guide word for word, which
 * {@link GuideSnippetsTest} checks; {@link GuideTest} runs them.
 */
public abstract class Travel {
  // snippet:tasks
  public record Flight(String city, int price) {}

  public record Hotel(String city, int price) {}

  @Async
  Flight flight(String city) {
    return new Flight(city, 100 + city.length());
  }

  @Async
  Hotel hotel(String city) {
    return new Hotel(city, 80);
  }

  @Async
  CompletableFuture<String> weather(String city) { // already asynchronous: composed, no thread
    return CompletableFuture.completedFuture("sunny in " + city);
  }

  @Async
  int quote(String provider) throws IOException {
    if (provider.startsWith("down")) {
      throw new IOException(provider + " is down");
    }
    return provider.length();
  }
  // end:tasks

  // snippet:gather-record
  public record Trip(Flight flight, Hotel hotel, String weather) {}

  @Gather({"flight", "hotel", "weather"}) // flight, hotel, weather = await gather(...)
  public abstract Trip trip(String city);
  // end:gather-record

  // snippet:gather-list
  @Gather("quote") // await gather(*(quote(p) for p in providers))
  public abstract List<Integer> quotes(List<String> providers) throws IOException;
  // end:gather-list

  // snippet:gather-settled
  @Gather(value = "quote", returnExceptions = true) // gather(..., return_exceptions=True)
  public abstract List<Outcome<Integer>> quotesSettled(List<String> providers);
  // end:gather-settled

  // snippet:gather-void
  @Gather({"flight", "hotel"}) // await gather(...) for the effects; the first failure is thrown
  public abstract void warmUp(String city);
  // end:gather-void

  // snippet:gather-future
  @Gather({"flight", "hotel", "weather"}) // returns at once; never blocks the caller
  public abstract CompletableFuture<Trip> tripAsync(String city);
  // end:gather-future

  // snippet:gather-limits
  @Gather(value = "quote", maxConcurrency = 2, timeout = "PT2S") // Semaphore(2), timeout=2
  public abstract List<Integer> quotesLimited(List<String> providers) throws IOException;

  @Gather("quote") // a Duration parameter no task takes is the call's timeout; null = none
  public abstract List<Integer> quotesWithin(List<String> providers, Duration timeout)
      throws IOException, TimeoutException;
  // end:gather-limits

  // snippet:gather-run-on
  @Gather(value = "quote", cancelOnFailure = false) // asyncio exactly: siblings run on
  public abstract List<Integer> quotesRunOn(List<String> providers) throws IOException;
  // end:gather-run-on

  // snippet:wait
  @Wait(value = "quote", returnWhen = ReturnWhen.FIRST_COMPLETED) // wait(..., FIRST_COMPLETED)
  public abstract WaitResult<Integer> firstQuote(List<String> providers);
  // end:wait

  // snippet:wait-record
  public record Lookups(Task<Flight> flight, Task<Hotel> hotel) {}

  @Wait(value = {"flight", "hotel"}, timeout = "PT1S") // typed handles, done or pending
  public abstract Lookups lookups(String city);
  // end:wait-record

  // snippet:as-completed
  @AsCompleted("quote") // for f in as_completed(...): results as they finish
  public abstract Stream<Integer> quotesAsReady(List<String> providers);

  @AsCompleted("quote") // finished handles as they finish; nothing thrown for a failure
  public abstract Stream<Task<Integer>> quoteTasks(List<String> providers);
  // end:as-completed

  // snippet:graph
  public record Budget(int total) {}

  public record Plan(Flight flight, Hotel hotel, String weather, Budget budget, String advice) {}

  @Async
  Budget budget(Flight flight, Hotel hotel) { // named after tasks: runs after both, with results
    return new Budget(flight.price() + hotel.price());
  }

  @Async
  String advice(Budget budget, Outcome<String> weather) { // an Outcome: runs even if it failed
    String sky = weather instanceof Outcome.Success<String> s ? s.value() : "no forecast";
    return budget.total() + " in total, " + sky;
  }

  @Gather({"flight", "hotel", "weather", "budget", "advice"}) // each task as early as it can
  public abstract Plan plan(String city);
  // end:graph
}
