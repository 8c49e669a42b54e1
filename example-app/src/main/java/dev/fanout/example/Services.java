package dev.fanout.example;

import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Service aggregation as a task graph: the user first, then that user's orders and
 * recommendations at once, then a score from both.
 *
 * <pre>
 *            +--> orders (150 ms) --+
 *   user ----+                      +--> score (50 ms)
 *  (100 ms)  +--> recs   (200 ms) --+
 * </pre>
 *
 * A task parameter named after another task of the site takes that task's result, so
 * {@code orders(User user)} runs after {@code user}; {@code score} takes the {@code Outcome} of
 * {@code recs}, so it runs even if the recommendations failed. Sequentially this takes
 * 100 + 150 + 200 + 50 = 500 ms; as a graph, the longest path: 100 + 200 + 50 = 350 ms.
 */
public abstract class Services {
  static final int USER_MILLIS = 100;
  static final int ORDERS_MILLIS = 150;
  static final int RECS_MILLIS = 200;
  static final int SCORE_MILLIS = 50;

  record User(long id, String name) {}

  record Overview(User user, List<String> orders, List<String> recs, int score) {}

  @Async
  User user(long id) throws InterruptedException {
    Thread.sleep(USER_MILLIS); // stands for a call to a user service
    return new User(id, "user-" + id);
  }

  @Async
  List<String> orders(User user) throws InterruptedException {
    Thread.sleep(ORDERS_MILLIS); // needs the user: an order service keyed by its name
    return List.of(user.name() + "-order-a", user.name() + "-order-b");
  }

  /** Already asynchronous: the coordinator composes its future and parks no thread on it. */
  @Async
  CompletableFuture<List<String>> recs(User user) {
    return CompletableFuture.supplyAsync(() -> List.of(user.name() + "-likes-tea"),
        CompletableFuture.delayedExecutor(RECS_MILLIS, TimeUnit.MILLISECONDS));
  }

  @Async
  int score(List<String> orders, Outcome<List<String>> recs) throws InterruptedException {
    Thread.sleep(SCORE_MILLIS);
    int liked = recs instanceof Outcome.Success<List<String>> success ? success.value().size() : 0;
    return orders.size() * 10 + liked;
  }

  /** The graph: each task as soon as the tasks it takes results from have ended. */
  @Gather({"user", "orders", "recs", "score"})
  abstract Overview overview(long id) throws InterruptedException;

  /** The same calls one after the other, as code without fan-out would make them. */
  Overview overviewSequentially(long id) throws InterruptedException {
    User user = user(id);
    List<String> orders = orders(user);
    List<String> recs = recs(user).join();
    int score = score(orders, new Outcome.Success<>(recs));
    return new Overview(user, orders, recs, score);
  }
}
