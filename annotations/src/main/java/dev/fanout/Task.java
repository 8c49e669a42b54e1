package dev.fanout;

import java.util.concurrent.CompletableFuture;

/**
 * A handle on one scheduled task invocation (one slot of a fan-out call), as asyncio's
 * {@code Task}.
 *
 * <pre>{@code
 * record Lookups(Task<Stock> stock, Task<Integer> price) {}
 *
 * @Wait(value = {"stock", "price"}, timeout = "PT1S")
 * abstract Lookups lookups(String sku);
 *
 * Lookups l = inventory.lookups("sku-1");
 * if (l.stock().state() == Task.State.SUCCESS) {
 *   show(l.stock().result());
 * }
 * l.price().cancel();                                 // still pending after the timeout
 * }</pre>
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

  /**
   * The task's name.
   *
   * @return the name of the task method
   */
  String name();

  /**
   * The task's slot.
   *
   * @return the slot of this invocation in its fan-out call, from 0
   */
  int index();

  /**
   * Where the task is now.
   *
   * @return the current state; final once {@link #isDone()}
   */
  State state();

  /**
   * Whether the task has finished.
   *
   * @return true once it succeeded, failed or was cancelled
   */
  boolean isDone();

  /**
   * The value the task returned.
   *
   * @return the value, which may be {@code null}
   * @throws IllegalStateException if the task is not {@link State#SUCCESS}
   */
  T result();

  /**
   * The exception the task threw, unwrapped.
   *
   * @return the exception
   * @throws IllegalStateException if the task is not {@link State#FAILED}
   */
  Throwable exception();

  /**
   * The outcome: a {@link Outcome.Success}, or a {@link Outcome.Failure} with the exception
   * (a {@link java.util.concurrent.CancellationException} for a cancelled task).
   *
   * @return how the task ended
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
   *
   * @return a new future on each call
   */
  CompletableFuture<T> toCompletableFuture();
}
