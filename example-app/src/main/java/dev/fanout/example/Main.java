package dev.fanout.example;

import dev.fanout.FanOut;
import dev.fanout.Task;
import dev.fanout.Timeline;
import dev.fanout.WaitResult;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed blog post's asyncio programs, one section each, run with fanout.
 *
 * <p>There is no event loop to create or close: a coordinator runs each call's tasks on its
 * executor (here the default one: virtual threads on Java 21+, else a pool of daemon threads),
 * and a fan-out method returns when its call is collected, as {@code await} would.
 */
public final class Main {
  private static final List<Integer> FIVE = List.of(0, 1, 2, 3, 4);
  private static final List<Integer> NAPS = List.of(300, 100, 200);

  private Main() {}

  public static void main(String[] args) {
    SeedDemo seed = new SeedDemoCoordinator();
    Naps naps = new NapsCoordinator();
    Shop shop = new ShopCoordinator();
    Services services = new ServicesCoordinator();

    Timeline timeline = new Timeline();
    FanOut.register(timeline); // records every call below, to draw them
    gather(seed);
    gatherNaps(naps);
    printTimeline(timeline, "Naps.napAll");
    waitFirstCompleted(seed);
    waitAllCompleted(seed);
    asCompleted(seed);
    asCompletedNaps(naps);
    typed(shop);
    graph(services);
    printTimeline(timeline, "Services.overview");
  }

  /** 1. {@code results = await asyncio.gather(*tasks)}: results in input order. */
  static void gather(SeedDemo seed) {
    heading("1. gather: results in input order");
    long start = System.nanoTime();
    List<String> results = seed.gatherAll(FIVE);
    for (String result : results) {
      System.out.println("Task result: " + result);
    }
    System.out.println("total run time: " + seconds(start));
  }

  /** 2. gather of naps of 300, 100 and 200 ms: about the longest, not the sum. */
  static void gatherNaps(Naps naps) {
    heading("2. gather: tasks run at once");
    long start = System.nanoTime();
    List<String> results = naps.napAll(NAPS);
    long took = millis(start);
    for (String result : results) {
      System.out.println("Task result: " + result);
    }
    int longest = NAPS.stream().mapToInt(Integer::intValue).max().orElse(0);
    int sum = NAPS.stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "total run time: %d ms (longest task %d ms, sum of all tasks %d ms)%n", took, longest, sum);
  }

  /**
   * 3. {@code done, pending = await asyncio.wait([test(), test2()], return_when=FIRST_COMPLETED)}.
   * test() fails after 1 s; wait returns then, with test2() still pending.
   */
  static void waitFirstCompleted(SeedDemo seed) {
    heading("3. wait FIRST_COMPLETED");
    List<Task<String>> pending;
    try (WaitResult<String> result = seed.firstCompleted()) {
      System.out.println("done:");
      result.done().forEach(task -> System.out.println("  " + describe(task)));
      System.out.println("pending:");
      result.pending().forEach(task -> System.out.println("  " + describe(task)));
      pending = result.pending();
    }
    // asyncio leaves test2() running on the loop (hence the seed's "Hello again test2");
    // closing the WaitResult, here at the end of the try block, cancels it instead.
    System.out.println("after close() cancelled the pending tasks:");
    pending.forEach(task -> System.out.println("  " + describe(task)));
  }

  /** 4. {@code dones, pendings = await asyncio.wait(tasks)}: every task, in completion order. */
  static void waitAllCompleted(SeedDemo seed) {
    heading("4. wait ALL_COMPLETED: done in completion order");
    try (WaitResult<String> result = seed.waitAll(FIVE)) {
      for (Task<String> task : result.done()) {
        System.out.println("task result: " + task.result());
      }
    }
  }

  /** 5. {@code for task in asyncio.as_completed(tasks): result = await task}. */
  static void asCompleted(SeedDemo seed) {
    heading("5. as_completed");
    // Closing the stream cancels whatever it has not yielded yet.
    try (Stream<String> results = seed.asCompleted(FIVE)) {
      results.forEach(result -> System.out.println("Task result:" + result));
    }
  }

  /** 6. as_completed over naps of 300, 100 and 200 ms: each result the moment it is ready. */
  static void asCompletedNaps(Naps naps) {
    heading("6. as_completed: each result as soon as it is ready");
    long start = System.nanoTime();
    try (Stream<String> results = naps.napsAsCompleted(NAPS)) {
      results.forEach(result -> System.out.printf("%4d ms  %s%n", millis(start), result));
    }
  }

  /** A gather whose result is a record of differently typed slots. */
  static void typed(Shop shop) {
    heading("typed: gather two different tasks into a record");
    Shop.Overview overview = shop.overview(42);
    System.out.println("user:   " + overview.user());
    System.out.println("orders: " + overview.orders());
  }

  /**
   * A task graph: in asyncio, {@code user = await user(id)}, then
   * {@code orders, recs = await asyncio.gather(orders(user), recs(user))}, then
   * {@code await score(orders, recs)}; in fanout, one annotation, each task as early as it can.
   */
  static void graph(Services services) {
    heading("graph: user, then orders and recs at once, then score");
    System.out.println("           +--> orders (150 ms) --+");
    System.out.println("  user ----+                      +--> score (50 ms)");
    System.out.println(" (100 ms)  +--> recs   (200 ms) --+");
    try {
      long start = System.nanoTime();
      Services.Overview sequential = services.overviewSequentially(7);
      long sequentialMillis = millis(start);
      start = System.nanoTime();
      Services.Overview graph = services.overview(7);
      long graphMillis = millis(start);
      System.out.println("result:     " + graph);
      System.out.println("same as sequential: " + graph.equals(sequential));
      System.out.printf("sequential: %d ms (the sum of all tasks, 500 ms)%n", sequentialMillis);
      System.out.printf("graph:      %d ms (the longest path, user + recs + score, 350 ms)%n",
          graphMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Like asyncio's Task repr: name, state, and its result or exception. */
  static String describe(Task<?> task) {
    String head = "<Task " + task.name() + "() " + task.state();
    switch (task.state()) {
      case SUCCESS:
        return head + " result=" + task.result() + ">";
      case FAILED:
        return head + " exception=" + task.exception() + ">";
      default:
        return head + ">";
    }
  }

  /** The last call of {@code site} as a Gantt chart: the tasks' bars overlap. */
  static void printTimeline(Timeline timeline, String site) {
    heading("the timeline of " + site);
    timeline.render(site).ifPresent(System.out::print);
  }

  private static void heading(String title) {
    System.out.println();
    System.out.println("== " + title + " ==");
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String seconds(long startNanos) {
    return String.format("%.4f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
