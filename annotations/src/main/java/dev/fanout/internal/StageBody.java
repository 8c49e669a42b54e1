package dev.fanout.internal;

import java.util.concurrent.CompletionStage;

/**
 * The body of a task that is already asynchronous: invoked directly on the launching thread, its
 * stage is composed, never waited on.
 *
 * @param <V> the stage's value type
 */
@FunctionalInterface
public interface StageBody<V> {
  /** Starts the task and returns its stage. */
  CompletionStage<V> start() throws Exception;
}
