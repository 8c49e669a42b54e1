package dev.example.profile;

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
import java.util.stream.Stream;

/**
 * A diamond: {@code user} feeds {@code orders} and {@code recs}, which both feed {@code score};
 * {@code score} takes the outcome of {@code recs}, so it runs even if {@code recs} failed.
 */
public abstract class Profile {
  public record User(long id, String name) {}

  public record Order(long id) {}

  public record Recs(List<String> items) {}

  public record Score(int value) {}

  public record Overview(User user, List<Order> orders, Recs recs, Score score) {}

  @Async
  User user(long id) throws IOException {
    return new User(id, "user" + id);
  }

  @Async
  List<Order> orders(User user) {
    return List.of(new Order(user.id()));
  }

  @Async
  CompletableFuture<Recs> recs(User user) {
    return CompletableFuture.completedFuture(new Recs(List.of(user.name())));
  }

  @Async
  Score score(List<Order> orders, Outcome<Recs> recs) {
    return new Score(orders.size() + (recs instanceof Outcome.Success<Recs> ? 1 : 0));
  }

  @Gather({"user", "orders", "recs", "score"})
  public abstract Overview overview(long id) throws IOException;

  @Wait(value = {"user", "orders", "recs", "score"}, returnWhen = ReturnWhen.FIRST_EXCEPTION)
  public abstract WaitResult<?> overviewTasks(long id, Duration timeout);

  /** Named last to first: the coordinator still submits dependencies first. */
  @AsCompleted({"score", "recs", "orders", "user"})
  public abstract Stream<Task<?>> overviewAsReady(long id);
}
