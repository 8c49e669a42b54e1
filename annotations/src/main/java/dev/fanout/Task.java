package dev.fanout;

import java.util.concurrent.CompletableFuture;

/**
 * A handle on one scheduled task invocation (one slot of a fan-out call), as asyncio's
 * {@code Task}.
 *
 * @param <T> the task's result type
 */
public interface Task<T> {

  /** Where a task is. A task that has not started yet is {@link #RUNNING}. */
  enum State {
    /** Scheduled or running: not finished. */
    RUNNING,
    /** Returned a value. */
    SUCCESS,
    /** Threw an exception. */
    FAILED,
    /** Cancelled before it finished. */
    CANCELLED
  }

  /** The name of the task method. */
  String name();

  /** The slot of this invocation in its fan-out call, from 0. */
  int index();

  /** The current state; final once {@link #isDone()}. */
  State state();

  /** Whether the task has finished: succeeded, failed or was cancelled. */
  boolean isDone();

  /**
   * The value the task returned.
   *
   * @throws IllegalStateException if the task is not {@link State#SUCCESS}
   */
  T result();

  /**
   * The exception the task threw, unwrapped.
   *
   * @throws IllegalStateException if the task is not {@link State#FAILED}
   */
  Throwable exception();

  /**
   * The outcome: a {@link Outcome.Success}, or a {@link Outcome.Failure} with the exception
   * (a {@link java.util.concurrent.CancellationException} for a cancelled task).
   *
   * @throws IllegalStateException if the task has not finished
   */
  Outcome<T> outcome();

  /**
   * Cancels the task if it has not finished: a task not started never starts, a running one is
   * interrupted.
   *
   * @return true if this call cancelled it, leaving it {@link State#CANCELLED}
   */
  boolean cancel();

  /**
   * A future completed with the task's result, exception or cancellation. Cancelling the future
   * cancels the task; completing it by other means does not affect the task.
   */
  CompletableFuture<T> toCompletableFuture();
}
