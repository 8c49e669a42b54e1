package dev.fanout.internal;

import java.util.concurrent.CancellationException;

/**
 * How a cancelled task ended: a {@link CancellationException} without a stack trace. A call that
 * ends early cancels its unfinished tasks one by one; filling in a stack per task (the
 * canceller's, which says nothing about the task) cost about 90 times a {@code FutureTask.cancel}.
 */
final class TaskCancelled extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** Its task's name; the message is built when someone reads it, not at each cancel. */
  private final String task;
  private final String message;

  /** A cancellation of the task {@code task}: "task "task" was cancelled". */
  static TaskCancelled of(String task) {
    return new TaskCancelled(task, null);
  }

  /** A cancellation with a message of its own (a task skipped for its dependency). */
  TaskCancelled(String task, String message) {
    this.task = task;
    this.message = message;
  }

  @Override
  public String getMessage() {
    return message != null ? message : "task \"" + task + "\" was cancelled";
  }

  @Override
  public Throwable fillInStackTrace() {
    return this; // no stack (see the class comment), and no monitor to take for it
  }
}
