package dev.fanout.internal;

/**
 * The body of a synchronous task that takes its argument from the engine: a collection site
 * creates one body before its loop and submits it once per element, with that element, instead of
 * a new capturing lambda per task.
 *
 * @param <A> the argument's type (the element)
 * @param <V> the task's result type
 */
@FunctionalInterface
public interface TaskFunction<A, V> {
  /** Runs the task with {@code argument} and returns its result, as {@code Callable.call}. */
  V call(A argument) throws Exception;
}
