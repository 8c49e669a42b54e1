package dev.fanout.functional;

import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/** An owner with every @Gather shape; what its tasks do is up to each test's {@link Hooks}. */
public abstract class Shop {

  /** What the tasks do; each test scripts the ones it uses. */
  public interface Hooks {
    default String user(long id) throws IOException, InterruptedException {
      return "u" + id;
    }

    default List<String> orders(long id) throws InterruptedException {
      return List.of("o" + id);
    }

    default CompletableFuture<String> weather(String city) {
      return CompletableFuture.completedFuture("sunny in " + city);
    }
  }

  /** Typed heterogeneous results. */
  public record Overview(String user, List<String> orders) {}

  /** The same as a plain class with one constructor. */
  public static final class Pair {
    final String user;
    final List<String> orders;

    Pair(String user, List<String> orders) {
      this.user = user;
      this.orders = orders;
    }
  }

  /** Settled heterogeneous results. */
  public record Settled(Outcome<String> user, Outcome<List<String>> orders) {}

  private final Hooks hooks;

  protected Shop(Hooks hooks) {
    this.hooks = hooks;
  }

  @Async
  String user(long id) throws IOException, InterruptedException {
    return hooks.user(id);
  }

  @Async
  List<String> orders(long id) throws InterruptedException {
    return hooks.orders(id);
  }

  @Async
  CompletableFuture<String> weather(String city) {
    return hooks.weather(city);
  }

  @Gather({"user", "orders"})
  abstract Overview overview(long id) throws IOException, InterruptedException;

  @Gather({"user", "orders"})
  abstract Pair pair(long id) throws IOException, InterruptedException;

  @Gather({"user", "orders"})
  abstract void touch(long id) throws IOException;

  @Gather("user")
  abstract List<String> users(List<Long> ids) throws IOException;

  @Gather("user")
  abstract List<String> usersOfArray(long[] ids) throws IOException;

  @Gather("user")
  abstract List<String> usersUndeclared(Set<Long> ids);

  @Gather(value = "user", returnExceptions = true)
  abstract List<Outcome<String>> usersSettled(List<Long> ids);

  @Gather(value = {"user", "orders"}, returnExceptions = true)
  abstract Settled overviewSettled(long id);

  @Gather(value = {"user", "orders"}, returnExceptions = true)
  abstract void touchSettled(long id);

  @Gather({"user", "orders"})
  abstract CompletableFuture<Overview> overviewAsync(long id);

  @Gather("user")
  abstract CompletionStage<List<String>> usersStage(List<Long> ids);

  @Gather("user")
  abstract CompletableFuture<Void> touchAsync(List<Long> ids);

  @Gather(value = "user", returnExceptions = true)
  abstract CompletableFuture<List<Outcome<String>>> usersSettledAsync(List<Long> ids);

  @Gather(value = {"user", "orders"}, returnExceptions = true)
  abstract CompletionStage<Settled> overviewSettledStage(long id);

  @Gather("weather")
  abstract List<String> weathers(List<String> cities);

  @Gather({"user", "weather"})
  abstract List<?> mixed(long id, String city) throws IOException;

  @Gather(value = "user", maxConcurrency = 2)
  abstract List<String> usersTwoAtATime(List<Long> ids) throws IOException;

  @Gather(value = "user", maxConcurrency = 1)
  abstract List<String> usersOneAtATime(List<Long> ids) throws IOException;

  @Gather(value = "user", timeout = "PT0.2S")
  abstract List<String> usersTimed(List<Long> ids) throws IOException;

  @Gather(value = "user", timeout = "PT0.2S")
  abstract List<String> usersTimedChecked(List<Long> ids) throws IOException, TimeoutException;

  @Gather(value = "user", timeout = "PT0.05S")
  abstract List<String> usersWithin(List<Long> ids, Duration timeout) throws IOException;

  @Gather("user")
  abstract List<String> usersInterruptibly(List<Long> ids)
      throws IOException, InterruptedException;

  @Gather(value = "user", cancelOnFailure = false)
  abstract List<String> usersRunOn(List<Long> ids) throws IOException;
}
