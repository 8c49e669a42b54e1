package dev.fanout;

/**
 * Carries a task's checked exception that the fan-out method does not declare. The cause is the
 * exception exactly as the task threw it.
 *
 * <pre>{@code
 * @Async User user(long id) throws IOException { ... }
 * @Gather("user") abstract List<User> users(List<Long> ids);   // declares no IOException
 *
 * try {
 *   dashboard.users(ids);
 * } catch (TaskFailedException e) {
 *   IOException cause = (IOException) e.getCause();            // as user threw it
 *   log(e.name() + " in slot " + e.index(), cause);
 * }
 * }</pre>
 */
public class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The name of the task method that failed; null if not known. */
  private final String taskName;
  /** The slot of the invocation that failed; -1 if not known. */
  private final int taskIndex;

  /**
   * A failure of one task invocation.
   *
   * @param name the name of the task method
   * @param index the invocation's slot
   * @param cause the checked exception the task threw
   */
  public TaskFailedException(String name, int index, Throwable cause) {
    super("task \"" + name + "\" (slot " + index + ") failed: " + cause, cause);
    this.taskName = name;
    this.taskIndex = index;
  }

  /**
   * A failure whose task is not known (used by {@link Outcome.Failure#getOrThrow()}).
   *
   * @param cause the checked exception the task threw
   */
  public TaskFailedException(Throwable cause) {
    super("task failed: " + cause, cause);
    this.taskName = null;
    this.taskIndex = -1;
  }

  /**
   * The task's name.
   *
   * @return the name of the task method that failed, or null if not known
   */
  public String name() {
    return taskName;
  }

  /**
   * The task's slot.
   *
   * @return the slot of the invocation that failed, or -1 if not known
   */
  public int index() {
    return taskIndex;
  }
}
