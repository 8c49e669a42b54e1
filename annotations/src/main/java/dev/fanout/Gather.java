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
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Gather {
  /** The {@link Async @Async} task names, in slot order. */
  String[] value();

  /** asyncio's {@code return_exceptions}: every task runs to its end and failures are returned. */
  boolean returnExceptions() default false;

  /**
   * On the first failure, cancel (interrupt) the unfinished siblings and never start the slots
   * not yet started. {@code false} is asyncio's exact behaviour: the siblings run on.
   */
  boolean cancelOnFailure() default true;

  /** At most this many task invocations of one call in flight at once; {@code 0} = unbounded. */
  int maxConcurrency() default 0;

  /** An ISO-8601 duration such as {@code "PT2S"}; {@code ""} = no timeout. */
  String timeout() default "";
}
