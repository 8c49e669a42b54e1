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
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Wait {
  /** The {@link Async @Async} task names, in slot order. */
  String[] value();

  /** When to return. */
  ReturnWhen returnWhen() default ReturnWhen.ALL_COMPLETED;

  /** At most this many task invocations of one call in flight at once; {@code 0} = unbounded. */
  int maxConcurrency() default 0;

  /** An ISO-8601 duration such as {@code "PT2S"}; {@code ""} = no timeout. */
  String timeout() default "";
}
