package dev.fanout;

/**
 * Carries a task's checked exception that the fan-out method does not declare. The cause is the
 * exception exactly as the task threw it.
 */
public class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String taskName;
  private final int taskIndex;

  /** A failure of the task {@code name} in slot {@code index}. */
  public TaskFailedException(String name, int index, Throwable cause) {
    super("task \"" + name + "\" (slot " + index + ") failed: " + cause, cause);
    this.taskName = name;
    this.taskIndex = index;
  }

  /** A failure whose task is not known (used by {@link Outcome.Failure#getOrThrow()}). */
  public TaskFailedException(Throwable cause) {
    super("task failed: " + cause, cause);
    this.taskName = null;
    this.taskIndex = -1;
  }

  /** The name of the task method that failed, or null if not known. */
  public String name() {
    return taskName;
  }

  /** The slot of the invocation that failed, or -1 if not known. */
  public int index() {
    return taskIndex;
  }
}
