package dev.fanout.internal;

import java.util.concurrent.CompletionStage;

/**
 * The body of a task that is already asynchronous and takes its argument from the engine: a
 * {@link StageBody} that a collection site creates once and submits once per element.
 *
 * @param <A> the argument's type (the element)
 * @param <V> the stage's value type
 */
@FunctionalInterface
public interface StageFunction<A, V> {
  /** Starts the task with {@code argument} and returns its stage. */
  CompletionStage<V> start(A argument) throws Exception;
}
