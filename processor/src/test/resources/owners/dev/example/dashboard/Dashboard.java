package dev.example.dashboard;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A class owner: the SPEC's dashboard, with every @Gather shape over named tasks and a collection. */
public abstract class Dashboard {
  public record User(long id, String name) {}

  public record Order(long id, long userId) {}

  public record Weather(String city, int degrees) {}

  public record Overview(User user, List<Order> orders, Weather weather, long score) {}

  @Async
  User user(long id) throws IOException {
    return new User(id, "user" + id);
  }

  @Async
  List<Order> orders(long id) {
    return List.of(new Order(1, id));
  }

  @Async
  CompletableFuture<Weather> weather(String city) {
    return CompletableFuture.completedFuture(new Weather(city, 21));
  }

  @Async
  static int score(long id) {
    return (int) id;
  }

  @Async
  void audit(long id) {}

  @Gather({"user", "orders", "weather", "score"})
  public abstract Overview overview(long id, String city) throws IOException;

  @Gather("user")
  abstract List<User> users(List<Long> ids);

  @Gather(value = "user", returnExceptions = true)
  abstract List<Outcome<User>> usersSettled(Set<Long> ids);

  @Gather(value = "user", maxConcurrency = 8, timeout = "PT2S")
  abstract CompletableFuture<List<User>> usersAsync(long[] ids);

  @Gather(value = "user", cancelOnFailure = false)
  protected abstract List<User> usersWithin(List<Long> ids, Duration timeout)
      throws IOException, TimeoutException;

  @Gather({"audit", "score"})
  abstract void auditAndScore(long id);

  @Wait(value = "user", returnWhen = ReturnWhen.FIRST_COMPLETED)
  abstract WaitResult<User> firstUser(List<Long> ids, Duration timeout);

  @AsCompleted("user")
  abstract Stream<User> usersAsReady(List<Long> ids);
}
