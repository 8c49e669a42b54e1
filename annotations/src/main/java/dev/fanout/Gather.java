package dev.fanout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an abstract fan-out method that runs its tasks together and returns their results in
 * slot order, as asyncio's {@code gather}.
 *
 * <p>Supported return types: {@code List<T>}; a record or class whose canonical (or only)
 * constructor takes one parameter per slot; {@code void}; with {@link #returnExceptions()} the
 * same shapes with {@link Outcome Outcome&lt;T&gt;} in place of {@code T}; and each of them
 * wrapped in {@code CompletableFuture} or {@code CompletionStage}.
 *
 * <pre>{@code
 * @Async User user(long id) { ... }
 * @Async List<Order> orders(long id) { ... }
 * record Overview(User user, List<Order> orders) {}
 *
 * @Gather({"user", "orders"}) abstract Overview overview(long id);      // a, b = gather(a(), b())
 * @Gather("user") abstract List<User> users(List<Long> ids);            // once per element
 * @Gather(value = "user", returnExceptions = true)
 * abstract List<Outcome<User>> settled(List<Long> ids);                 // return_exceptions=True
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Gather {
  /**
   * The tasks to run.
   *
   * @return the {@link Async @Async} task names, in slot order
   */
  String[] value();

  /**
   * asyncio's {@code return_exceptions}: every task runs to its end and failures are returned
   * in their slot as {@link Outcome.Failure}, never thrown.
   *
   * @return whether failures are returned instead of thrown
   */
  boolean returnExceptions() default false;

  /**
   * On the first failure, cancel (interrupt) the unfinished siblings and never start the slots
   * not yet started. {@code false} is asyncio's exact behaviour: the siblings run on.
   *
   * @return whether the first failure cancels the siblings
   */
  boolean cancelOnFailure() default true;

  /**
   * A limit on concurrency, like an {@code asyncio.Semaphore} around every task.
   *
   * @return at most this many task invocations of one call in flight at once; {@code 0} =
   *     unbounded
   */
  int maxConcurrency() default 0;

  /**
   * The call's timeout. A {@code Duration} parameter of the fan-out method that no task takes
   * overrides it ({@code null} = none).
   *
   * @return an ISO-8601 duration such as {@code "PT2S"}, positive; {@code ""} = no timeout
   */
  String timeout() default "";
}
