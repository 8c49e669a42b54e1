package dev.fanout;

import java.util.List;

/**
 * What a {@link Wait @Wait} call returns: the tasks finished by then, in completion order, and
 * the ones still pending, in slot order, as asyncio's {@code (done, pending)}.
 *
 * <p>Pending tasks keep running until cancelled; {@link #close()} cancels them, so a
 * try-with-resources block leaves nothing running.
 *
 * <pre>{@code
 * try (WaitResult<User> result = dashboard.firstUser(ids, Duration.ofMillis(200))) {
 *   for (Task<User> task : result.done()) {
 *     System.out.println(task.name() + " " + task.state());
 *   }
 * }                                                   // cancels result.pending()
 * }</pre>
 *
 * @param <T> the tasks' result type
 */
public final class WaitResult<T> implements AutoCloseable {
  private final List<Task<T>> done;
  private final List<Task<T>> pending;

  /**
   * Creates a result over copies of the two lists, e.g. as a test double.
   *
   * @param done the finished tasks, in completion order
   * @param pending the unfinished tasks, in slot order
   */
  public WaitResult(List<Task<T>> done, List<Task<T>> pending) {
    this.done = List.copyOf(done);
    this.pending = List.copyOf(pending);
  }

  /**
   * The finished tasks.
   *
   * @return the tasks that had finished when the wait returned, in completion order
   */
  public List<Task<T>> done() {
    return done;
  }

  /**
   * The pending tasks.
   *
   * @return the tasks that had not finished when the wait returned, in slot order
   */
  public List<Task<T>> pending() {
    return pending;
  }

  /**
   * Cancels (interrupts) every pending task that has not finished since. It starts none: the
   * tasks are cancelled last first, so a concurrency permit that a cancelled task gives back
   * finds the tasks after it already cancelled.
   */
  public void cancelPending() {
    for (int i = pending.size() - 1; i >= 0; i--) {
      pending.get(i).cancel();
    }
  }

  /** Cancels the pending tasks. */
  @Override
  public void close() {
    cancelPending();
  }

  @Override
  public String toString() {
    return "WaitResult[done=" + done + ", pending=" + pending + "]";
  }
}
