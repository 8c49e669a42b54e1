package dev.fanout.internal;

import java.util.concurrent.CancellationException;

/**
 * How a cancelled task ended: a {@link CancellationException} without a stack trace. A call that
 * ends early cancels its unfinished tasks one by one; filling in a stack per task (the
 * canceller's, which says nothing about the task) cost about 90 times a {@code FutureTask.cancel}.
 */
final class TaskCancelled extends CancellationException {
  private static final long serialVersionUID = 1L;

  TaskCancelled(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // no stack: see the class comment
  }
}
