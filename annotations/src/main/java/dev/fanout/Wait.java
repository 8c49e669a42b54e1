package dev.fanout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an abstract fan-out method that runs its tasks together and returns when
 * {@link #returnWhen()} is met or the timeout passes, as asyncio's {@code wait}.
 *
 * <p>Supported return types: {@link WaitResult WaitResult&lt;T&gt;}; a record whose components
 * are {@code Task<T1>, Task<T2>, ...} in slot order; and each of them wrapped in
 * {@code CompletableFuture} or {@code CompletionStage}. A timeout does not throw and does not
 * cancel: the tasks not finished are returned as pending and keep running.
 *
 * <pre>{@code
 * @Wait(value = "user", returnWhen = ReturnWhen.FIRST_COMPLETED)
 * abstract WaitResult<User> firstUser(List<Long> ids, Duration timeout);
 *
 * try (WaitResult<User> first = dashboard.firstUser(ids, Duration.ofSeconds(1))) {
 *   first.done().forEach(task -> System.out.println(task.name() + " " + task.state()));
 * }                                                   // close() cancels what is still pending
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Wait {
  /**
   * The tasks to run.
   *
   * @return the {@link Async @Async} task names, in slot order
   */
  String[] value();

  /**
   * When to return, as asyncio's {@code return_when}.
   *
   * @return the condition that ends the wait
   */
  ReturnWhen returnWhen() default ReturnWhen.ALL_COMPLETED;

  /**
   * A limit on concurrency.
   *
   * @return at most this many task invocations of one call in flight at once; {@code 0} =
   *     unbounded
   */
  int maxConcurrency() default 0;

  /**
   * How long to wait at most; when it passes, the wait returns what finished and the rest as
   * pending. A {@code Duration} parameter of the fan-out method that no task takes overrides it
   * ({@code null} = none).
   *
   * @return an ISO-8601 duration such as {@code "PT2S"}, positive; {@code ""} = no timeout
   */
  String timeout() default "";
}
