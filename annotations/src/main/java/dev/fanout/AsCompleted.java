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
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AsCompleted {
  /** The {@link Async @Async} task names, in slot order. */
  String[] value();

  /** At most this many task invocations of one call in flight at once; {@code 0} = unbounded. */
  int maxConcurrency() default 0;

  /** A deadline for the whole iteration, counted from the call; {@code ""} = none. */
  String timeout() default "";
}
