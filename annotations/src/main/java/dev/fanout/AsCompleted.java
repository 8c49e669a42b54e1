package dev.fanout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an abstract fan-out method whose stream yields each result as its task finishes, as
 * asyncio's {@code as_completed}.
 *
 * <p>Supported return types: {@code Stream<T>} (a failed task throws when the stream reaches it)
 * and {@code Stream<Task<T>>} (finished handles; nothing is thrown for a failure), each of them
 * optionally wrapped in {@code CompletableFuture} or {@code CompletionStage}. Closing the stream
 * cancels the tasks not yet yielded.
 *
 * <pre>{@code
 * @Async Price quote(String provider) { ... }
 *
 * @AsCompleted(value = "quote", timeout = "PT2S")
 * abstract Stream<Price> quotes(List<String> providers);
 *
 * try (Stream<Price> quotes = shop.quotes(List.of("a", "b", "c"))) {
 *   Price first = quotes.findFirst().orElseThrow();   // the others are cancelled
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AsCompleted {
  /**
   * The tasks to run.
   *
   * @return the {@link Async @Async} task names, in slot order
   */
  String[] value();

  /**
   * A limit on concurrency.
   *
   * @return at most this many task invocations of one call in flight at once; {@code 0} =
   *     unbounded
   */
  int maxConcurrency() default 0;

  /**
   * A deadline for the whole iteration, counted from the call. A {@code Duration} parameter of
   * the fan-out method that no task takes overrides it ({@code null} = none).
   *
   * @return an ISO-8601 duration such as {@code "PT2S"}, positive; {@code ""} = none
   */
  String timeout() default "";
}
